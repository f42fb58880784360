import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { loadConfig, type Config } from '@groupchat/shared';
import { freePort } from './proc';
import { LocalServer, ServerProcess } from './server-process';
import { REPO } from './worker';

/** The isolated copy of GroupChat a bench run works on: its own topics, database and indices. */
export function benchConfig(): Config {
  const id = randomBytes(4).toString('hex');
  const db = new URL(process.env.DATABASE_URL ?? 'postgres://groupchat:groupchat@127.0.0.1:15432/postgres');
  db.pathname = `/gc_bench_${id}`;
  return loadConfig(process.env, {
    HOST: '127.0.0.1',
    GROUPCHAT_NAMESPACE: `bench${id}_`,
    DATABASE_URL: db.toString(),
    JWT_SECRET: randomBytes(24).toString('hex'),
    MEDIA_URL_SECRET: randomBytes(24).toString('hex'),
    // Long enough for the whole run: tokens are signed once, at setup.
    ACCESS_TOKEN_TTL_SECONDS: 6 * 3600,
    // Synthetic users send far more than a person would; the limits are per user and in memory.
    MESSAGE_LIMIT_BURST: 1_000_000_000,
    MESSAGE_LIMIT_SUSTAINED: 1_000_000_000,
    // BENCH_SUT_LOG_LEVEL=info shows what the system under test does meanwhile (in the run's -sut.log).
    LOG_LEVEL: (process.env.BENCH_SUT_LOG_LEVEL ?? 'warn') as Config['LOG_LEVEL'],
  });
}

/** Environment for a process of the system under test. */
export function sutEnv(config: Config, port: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production' };
  for (const [k, v] of Object.entries(config)) if (v !== undefined) env[k] = String(v);
  env.PORT = String(port);
  return env;
}

/** One process of the system under test (the all-in-one entry, or one service alone). */
export class Sut extends LocalServer {
  /** Starts `entry` (relative to the repo) with the bench configuration and waits for /readyz. */
  static async start(
    config: Config,
    { entry = 'src/main.ts', label = 'groupchat', logFile }: { entry?: string; label?: string; logFile: string },
  ): Promise<Sut> {
    const port = await freePort();
    // e.g. BENCH_SUT_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to see where the time goes.
    const nodeArgs = (process.env.BENCH_SUT_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const proc = ServerProcess.spawn(label, [process.execPath, ...nodeArgs, '--import', 'tsx', join(REPO, entry)], {
      logFile,
      env: sutEnv(config, port),
      cwd: REPO,
    });
    const sut = new Sut(proc, port);
    await proc.waitReady(async () => (await fetch(`${sut.url}/readyz`)).status === 200, 180_000, 300);
    return sut;
  }

  get wsUrl(): string {
    return `ws://127.0.0.1:${this.port}/ws`;
  }

  /** SIGTERM, then SIGKILL after `killAfterMs`. */
  stop(killAfterMs?: number): Promise<void> {
    return this.proc.stop(killAfterMs);
  }
}
