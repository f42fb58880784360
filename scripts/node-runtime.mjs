// The Node.js release GroupChat runs on, and how a machine whose own Node is older gets it:
// the official binary, as the npm registry ships it (node-<platform>-<arch>), fetched once into
// the download cache. Plain JavaScript with no dependencies: it runs before `npm ci`, on any Node ≥ 18.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';

/** The exact release; .node-version and .nvmrc name the same (test/foundation/runtime.unit.spec.ts). */
export const NODE_VERSION = '24.22.3';
export const NODE_MAJOR = Number(NODE_VERSION.split('.')[0]);

/** Platforms and architectures whose official binary is on the npm registry as node-<platform>-<arch> in 24.x (node-darwin-* stops at 18). */
const PACKAGED = { linux: ['x64', 'arm64'] };

/** The npm package holding the official binary for this machine, or undefined when there is none. */
export function nodePackage(platform = process.platform, arch = process.arch) {
  return PACKAGED[platform]?.includes(arch) ? `node-${platform}-${arch}` : undefined;
}

/** Where the pinned release lives once fetched: outside the repo, shared by every clone. */
export function nodeHome(version = NODE_VERSION, env = process.env) {
  return join(env.GROUPCHAT_CACHE_DIR ?? join(homedir(), '.cache', 'groupchat'), 'node', version);
}

/**
 * Which Node runs the project: the one running now when it is ≥ the pinned major, otherwise the
 * pinned release from the cache, fetched first when the cache does not hold it yet.
 * @param {{ version: string, execPath: string, home: string, cached: boolean }} now
 * @returns {{ node: string, fetch: boolean }}
 */
export function chooseNode({ version, execPath, home, cached }) {
  if (Number(version.split('.')[0]) >= NODE_MAJOR) return { node: execPath, fetch: false };
  return { node: join(home, 'bin', 'node'), fetch: !cached };
}

/** The environment for children: `node`, `npm`, `npx` and every `#!/usr/bin/env node` tool resolve to `node`. */
export function envFor(node, env = process.env) {
  const bin = dirname(node);
  const rest = (env.PATH ?? '').split(delimiter).filter((dir) => dir && dir !== bin);
  const out = { ...env, PATH: [bin, ...rest].join(delimiter) };
  // npm tells scripts which Node ran it; point those at the one that runs them now.
  if (out.npm_node_execpath) out.npm_node_execpath = node;
  if (out.NODE) out.NODE = node;
  // A native module built from source compiles against this Node's own headers (the release ships
  // them) rather than downloading them from nodejs.org.
  const root = dirname(bin);
  if (!out.npm_config_nodedir && existsSync(join(root, 'include', 'node', 'node.h'))) out.npm_config_nodedir = root;
  return out;
}

/**
 * The path of the Node that runs the project (see chooseNode), fetching the pinned release into
 * the cache when needed. Progress goes to `log` (stderr), so a command's stdout stays its own.
 */
export async function ensureNode(log = (msg) => process.stderr.write(`[node] ${msg}\n`)) {
  const home = nodeHome();
  const choice = chooseNode({ version: process.versions.node, execPath: process.execPath, home, cached: existsSync(join(home, 'bin', 'node')) });
  if (choice.fetch) await fetchNode(home, log);
  return choice.node;
}

async function fetchNode(home, log) {
  const pkg = nodePackage();
  const here = `Node.js ${process.version} (${process.execPath})`;
  if (!pkg) {
    throw new Error(
      `${here} is older than ${NODE_MAJOR}, and the npm registry has no official Node binary for ${process.platform}-${process.arch}: ` +
        `install Node.js ${NODE_VERSION} (https://nodejs.org/en/download, or \`nvm install\` in the repo, which reads .nvmrc) and run again with it first in PATH`,
    );
  }
  const parent = dirname(home);
  mkdirSync(parent, { recursive: true });
  // Unpacked beside its final place and renamed there: the cache never holds a partial release.
  const tmp = mkdtempSync(join(parent, `.${NODE_VERSION}-`));
  const t0 = Date.now();
  try {
    log(
      `${here} is older than ${NODE_MAJOR}: fetching ${pkg}@${NODE_VERSION} (the official binary, a 53 MB download) from the npm registry into ${home} — once`,
    );
    await step('npm', ['pack', `${pkg}@${NODE_VERSION}`, '--pack-destination', tmp, '--loglevel', 'warn'], tmp, log, 'downloading');
    const tarball = readdirSync(tmp).find((f) => f.endsWith('.tgz'));
    if (!tarball) throw new Error(`npm pack left no tarball in ${tmp}`);
    await step('tar', ['-xzf', tarball, '-C', tmp], tmp, log, 'unpacking');
    const node = join(tmp, 'package', 'bin', 'node');
    const ran = spawnSync(node, ['--version'], { encoding: 'utf8' });
    if (ran.stdout?.trim() !== `v${NODE_VERSION}`) {
      throw new Error(`the fetched ${node} does not run as v${NODE_VERSION}: ${(ran.error?.message ?? ran.stderr) || ran.stdout}`);
    }
    try {
      renameSync(join(tmp, 'package'), home);
    } catch (err) {
      // Another run fetched it at the same time: theirs is as good as ours.
      if (!existsSync(join(home, 'bin', 'node'))) throw err;
    }
    log(`Node v${NODE_VERSION} ready in ${home} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  } catch (err) {
    if (err.interrupted) throw new Error(`fetching Node ${NODE_VERSION} was interrupted; nothing was kept`);
    throw new Error(
      `could not fetch Node ${NODE_VERSION}: ${err.message}\n  install Node.js ${NODE_VERSION} yourself (https://nodejs.org/en/download, or \`nvm install\`) and run again with it first in PATH`,
    );
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Runs one step of the fetch, saying every 10 s that it still runs. */
function step(cmd, args, cwd, log, what) {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'ignore', 'inherit'] });
    const ticker = setInterval(() => log(`… still ${what} (${Math.round((Date.now() - t0) / 1000)} s)`), 10_000);
    // Interrupted: stop the step and let the caller clean up, rather than leave it running.
    let interrupted = false;
    const stop = (signal) => ((interrupted = true), child.kill(signal));
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
    for (const signal of signals) process.on(signal, stop);
    const done = () => {
      clearInterval(ticker);
      for (const signal of signals) process.off(signal, stop);
    };
    child.on('error', (err) => (done(), reject(new Error(`${cmd}: ${err.message}`))));
    child.on('exit', (code, signal) => {
      done();
      if (code === 0) resolve();
      else reject(Object.assign(new Error(`${cmd} ${args.join(' ')} exited with ${signal ?? code}`), { interrupted }));
    });
  });
}
