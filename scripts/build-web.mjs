#!/usr/bin/env node
// Builds the web app into web/dist, then reports the initial JavaScript's gzipped size (fails over budget).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const step = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: repo, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
step(join(repo, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn']);
step(process.execPath, [join(repo, 'web', 'scripts', 'size.mjs')]);
