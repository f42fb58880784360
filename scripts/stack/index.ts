import { rmSync } from 'node:fs';
import { elasticsearch } from './elasticsearch';
import { kafka } from './kafka';
import { mailpit } from './mailpit';
import { postgres } from './postgres';
import type { Part } from './part';

export { StackError } from './proc';
export const PARTS: Part[] = [postgres, kafka, elasticsearch, mailpit];

export interface StackEnv {
  KAFKA_BROKERS: string;
  DATABASE_URL: string;
  ELASTICSEARCH_URL: string;
  SMTP_URL: string;
  /** Mailpit's web UI and API, when the stack runs Mailpit (SMTP_URL not given). */
  MAILPIT_URL?: string;
}

export interface StackHandle {
  env: StackEnv;
  /** Parts this call started (not those already running or external). */
  started: Part[];
  stop(): Promise<void>;
}

const log = (msg: string) => process.stderr.write(`[stack] ${msg}\n`);

/** Brings every part up (idempotent); parts named by an environment variable are used as they are. */
export async function up(): Promise<StackHandle> {
  const started: Part[] = [];
  const env = {} as Record<string, string>;
  await Promise.all(
    PARTS.map(async (part) => {
      const external = process.env[part.envOverride];
      if (external) {
        env[part.envOverride] = external;
        log(`${part.name}: using ${external} from ${part.envOverride}`);
        return;
      }
      env[part.envOverride] = part.url();
      Object.assign(env, part.extraEnv?.());
      if ((await part.isUp()) || (!part.running() && (await part.isUp()))) {
        log(`${part.name}: already up at ${part.url()}`);
        return;
      }
      const t0 = Date.now();
      log(`${part.name}: starting (log: ${part.logFile})`);
      await part.up();
      started.push(part);
      log(`${part.name}: up at ${part.url()} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }),
  ).catch(async (err) => {
    await Promise.all(started.map((p) => p.down()));
    throw err;
  });
  return {
    env: env as unknown as StackEnv,
    started,
    async stop() {
      await Promise.all(started.map(async (p) => (await p.down()) && log(`${p.name}: stopped`)));
    },
  };
}

export async function down(): Promise<void> {
  await Promise.all(PARTS.map(async (p) => (await p.down()) && log(`${p.name}: stopped`)));
}

export async function status(): Promise<{ name: string; url: string; up: boolean; managed: boolean }[]> {
  return Promise.all(
    PARTS.map(async (p) => ({ name: p.name, url: process.env[p.envOverride] ?? p.url(), up: await p.isUp(), managed: p.running() })),
  );
}

/** Stops everything and deletes the local data (not the download cache). */
export async function reset(): Promise<void> {
  await down();
  for (const p of PARTS) for (const dir of p.dataDirs) rmSync(dir, { recursive: true, force: true });
}
