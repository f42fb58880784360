#!/usr/bin/env node
// Entry of `npm start`, `npm test`, `npm run stack|bench|chaos|screenshots`: gets the project's Node
// (scripts/node-runtime.mjs), installs what is missing with it, then hands over to scripts/run.ts under it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { ensureNode, envFor } from './node-runtime.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));
let node;
try {
  node = await ensureNode((msg) => console.error(`[bootstrap] ${msg}`));
} catch (err) {
  console.error(`[bootstrap] ${err.message}`);
  process.exit(1);
}
// Everything below runs under `node`: npm, npx, tools started through `#!/usr/bin/env node`, child processes.
const env = envFor(node);
const marker = join(repo, 'node_modules', '.package-lock.json');
const lock = join(repo, 'package-lock.json');
const stale = !existsSync(marker) || (existsSync(lock) && statSync(lock).mtimeMs > statSync(marker).mtimeMs + 1000);
if (stale) {
  console.error('[bootstrap] installing npm dependencies …');
  const install = spawnSync('npm', [existsSync(lock) ? 'ci' : 'install', '--no-audit', '--no-fund'], { cwd: repo, stdio: 'inherit', env });
  if (install.status !== 0) {
    console.error('[bootstrap] npm install failed; see the output above');
    process.exit(install.status ?? 1);
  }
}
const child = spawn(node, ['--import', 'tsx', join(repo, 'scripts', 'run.ts'), ...process.argv.slice(2)], { cwd: repo, stdio: 'inherit', env });
// Hand signals to the child and wait for its orderly shutdown, so nothing is left behind.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
// `npm` runs us under `sh -c`, which does not pass a SIGTERM on: if our parent goes away, shut down too.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) child.kill('SIGTERM');
}, 500).unref();
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
