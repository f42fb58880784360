#!/usr/bin/env node
// `npx groupchat …`: runs the TypeScript CLI through tsx under the project's Node (scripts/node-runtime.mjs),
// passing signals and the exit code through.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { ensureNode, envFor } from '../../scripts/node-runtime.mjs';

const require = createRequire(import.meta.url);
const tsx = require.resolve('tsx/cli');
const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
let node;
try {
  node = await ensureNode();
} catch (err) {
  console.error(`groupchat: ${err.message}`);
  process.exit(1);
}
const child = spawn(node, [tsx, main, ...process.argv.slice(2)], { stdio: 'inherit', env: envFor(node) });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 130 : 0)));
