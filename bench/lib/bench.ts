import type { Admin, Kafka } from 'kafkajs';
import type { Config, EsClient, EventLog, Pool } from '@groupchat/shared';
import { waitCaughtUp } from './catchup';
import type { Options } from './options';
import type { Population } from './population';
import { CpuMeter } from './proc';
import { StackMeter, type StackCpu, type StackPids } from './stack-cpu';
import type { Row } from './report';
import type { Sut } from './sut';
import { stopAll, Worker } from './worker';

/** What every scenario works with. */
export interface Bench {
  options: Options;
  config: Config;
  /** bench/results, where logs and results go. */
  resultsDir: string;
  stamp: string;
  kafka: Kafka;
  admin: Admin;
  log: EventLog;
  pool: Pool;
  es: EsClient;
  population: Population;
  sut: Sut;
  rows: Row[];
  notes: string[];
  /** Run when the bench exits, also on Ctrl-C: a scenario that starts a server adds its stop (which must be safe to call twice). */
  cleanups: (() => Promise<void>)[];
}

const started = Date.now();

export function progress(message: string): void {
  const t = ((Date.now() - started) / 1000).toFixed(0).padStart(4);
  process.stderr.write(`[bench ${t}s] ${message}\n`);
}

/** Waits until the projections have applied everything, so a scenario never measures another's backlog. */
export async function settle(b: Bench, timeoutMs = 900_000): Promise<number> {
  return waitCaughtUp(b.pool, b.admin, b.config, {
    timeoutMs,
    onProgress: (behind) => progress(`  projections ${behind.toLocaleString('en-US')} records behind …`),
  });
}

/** Spawns `count` load workers of one kind and runs `fn` with them; they are stopped afterwards. */
export async function withWorkers<T>(script: string, count: number, fn: (workers: Worker[]) => Promise<T>): Promise<T> {
  const workers = await Promise.all(Array.from({ length: count }, (_, i) => Worker.spawn(script, `${script}#${i}`)));
  try {
    return await fn(workers);
  } finally {
    await stopAll(workers);
  }
}

let stack: StackPids | undefined;

/** Postgres, Kafka and Elasticsearch processes whose CPU every measurement also reports. */
export function watchStack(pids: StackPids): void {
  stack = pids;
}

export interface Metered<T> {
  result: T;
  sutCpu: number;
  loadCpu: number;
  stackCpu?: StackCpu;
  ms: number;
}

/**
 * CPU (cores) of the system under test, the load generators and the servers over one measurement
 * window; Postgres counts the backends of `database` (by default the run's).
 */
export async function metered<T>(sutPids: number[], loadPids: number[], fn: () => Promise<T>, database?: string): Promise<Metered<T>> {
  const sut = new CpuMeter(sutPids).begin();
  const load = new CpuMeter(loadPids).begin();
  const servers = stack && new StackMeter(database ? { ...stack, database } : stack).begin();
  const t0 = performance.now();
  const result = await fn();
  return { result, sutCpu: sut.end(), loadCpu: load.end(), stackCpu: servers?.end(), ms: performance.now() - t0 };
}

/** The CPU columns of a row from one measurement. */
export function cpuOf(m: Omit<Metered<unknown>, 'result' | 'ms'>): { sutCpu: number; loadCpu: number; stackCpu?: StackCpu } {
  return { sutCpu: m.sutCpu, loadCpu: m.loadCpu, ...(m.stackCpu ? { stackCpu: m.stackCpu } : {}) };
}

/** Splits `items` into `parts` nearly equal consecutive slices. */
export function split<T>(items: T[], parts: number): T[][] {
  const size = Math.ceil(items.length / parts);
  return Array.from({ length: parts }, (_, i) => items.slice(i * size, (i + 1) * size)).filter((s) => s.length);
}

/** Records a scenario that could not be measured, so the table still shows it. */
export function failedRow(scenario: string, err: unknown): Row {
  const message = err instanceof Error ? err.message : String(err);
  return {
    scenario,
    figure: 'not measured',
    value: message.split('\n')[0]!.slice(0, 120),
    baseline: '–',
    ratio: null,
    target: '–',
    pass: false,
    data: { error: message },
  };
}
