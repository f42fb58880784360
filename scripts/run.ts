import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { down, reset, status, up, StackError, type StackHandle } from './stack/index';
import { REPO } from './stack/paths';
import { ensureChromium } from './stack/chromium';

const [command = 'start', ...args] = process.argv.slice(2);
// The Node that runs this command and every child (scripts/bootstrap.mjs chose it): logs say which.
console.error(`[${command}] node ${process.version} (${process.execPath})`);

function runChild(cmd: string, argv: string[], env: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, argv, { cwd: REPO, stdio: 'inherit', env: { ...process.env, ...env } });
    const forward = (s: NodeJS.Signals) => child.kill(s);
    process.on('SIGINT', forward).on('SIGTERM', forward);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward).off('SIGTERM', forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

const bin = (name: string) => join(REPO, 'node_modules', '.bin', name);

// Until a child runs, a signal stops the stack parts this run started (withStack's finally).
let interrupted = false;
const onSignal = () => {
  interrupted = true;
};
process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
// If whatever started us dies without a signal reaching us, behave as if one had.
const parentPid = process.ppid;
setInterval(() => {
  if (process.ppid !== parentPid) process.emit('SIGTERM');
}, 500).unref();

/** Builds web/dist and prints the initial JavaScript's gzipped size against its budget. */
const buildWeb = () => runChild(process.execPath, [join(REPO, 'scripts', 'build-web.mjs')], { NODE_ENV: 'production' }).catch(() => 1);

async function withStack(fn: (stack: StackHandle) => Promise<number>): Promise<number> {
  const stack = await up();
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await stack.stop();
  };
  try {
    return await fn(stack);
  } finally {
    await stop();
  }
}

async function main(): Promise<number> {
  switch (command) {
    case 'stack': {
      const sub = args[0] ?? 'status';
      if (sub === 'up') {
        const { env } = await up();
        for (const [k, v] of Object.entries(env)) console.log(`${k}=${v}`);
        return 0;
      }
      if (sub === 'down') return down().then(() => 0);
      if (sub === 'reset') return reset().then(() => 0);
      if (sub === 'status') {
        const rows = await status();
        for (const r of rows) console.log(`${r.name.padEnd(14)} ${r.up ? 'up  ' : 'down'} ${r.url}${r.managed ? ' (started by this stack)' : ''}`);
        return rows.every((r) => r.up) ? 0 : 3;
      }
      console.error(`unknown stack command "${sub}"; use up, down, status or reset`);
      return 2;
    }
    case 'start':
      return withStack(async (stack) => {
        if (existsSync(join(REPO, 'web', 'index.html')) && !process.env.GROUPCHAT_SKIP_WEB_BUILD) {
          const built = await buildWeb();
          if (built !== 0) console.error('[start] the web app did not build; the API still starts');
        }
        if (interrupted) return 130;
        return runChild(process.execPath, ['--import', 'tsx', join(REPO, 'src', 'main.ts')], { ...stack.env, WEB_DIST: join(REPO, 'web', 'dist') });
      });
    case 'test':
      if (existsSync(join(REPO, 'test', 'e2e'))) ensureChromium();
      return withStack(async (stack) => {
        const steps: [string, string, string[]][] = [
          ['schemas:check', bin('tsx'), [join(REPO, 'schemas/src/check.ts')]],
          ['typecheck', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']],
          ['web typecheck', bin('vue-tsc'), ['-p', 'web/tsconfig.json', '--noEmit']],
          ['lint', bin('eslint'), ['--cache', '--cache-location', join(REPO, '.data', 'eslintcache'), '.']],
          ['format', bin('prettier'), ['--check', '--log-level', 'warn', '.']],
          ['web build (for the browser tests)', process.execPath, [join(REPO, 'scripts', 'build-web.mjs')]],
          ['vitest', bin('vitest'), ['run', ...args]],
        ];
        for (const [name, cmd, argv] of steps) {
          console.error(`\n[test] ${name}`);
          const code = await runChild(cmd, argv, { ...stack.env });
          if (code !== 0) {
            console.error(`[test] ${name} failed (exit ${code})`);
            return code;
          }
        }
        return 0;
      });
    case 'screenshots':
      ensureChromium();
      return withStack(async (stack) => {
        const built = await buildWeb();
        if (built !== 0 || interrupted) return built || 130;
        const spec = join(REPO, 'test', 'e2e', 'screens.e2e.spec.ts');
        return runChild(bin('vitest'), ['run', '--project', 'e2e', spec], { ...stack.env, GROUPCHAT_SCREENSHOTS_DIR: join(REPO, 'docs', 'screenshots') });
      });
    case 'bench':
      return withStack((stack) => runChild(bin('tsx'), [join(REPO, 'bench', 'run.ts'), ...args], { ...stack.env }));
    case 'chaos':
      return withStack((stack) => runChild(bin('tsx'), [join(REPO, 'test', 'chaos', 'run.ts'), ...args], { ...stack.env }));
    default:
      console.error(`unknown command "${command}"`);
      return 2;
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof StackError ? `\n✗ ${err.message}` : err);
    process.exit(1);
  },
);
