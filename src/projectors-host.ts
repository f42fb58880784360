import { Worker } from 'node:worker_threads';
import { addMetricsSource, type Config, type Logger } from '@groupchat/shared';
import type { FromProjectors, ToProjectors } from './projectors-thread';

export interface ProjectorsThread {
  close(): Promise<void>;
}

const ENTRY = new URL('./projectors-thread.mjs', import.meta.url);

/**
 * Starts the projectors on a worker thread and resolves once every projection is set up. A
 * thread that dies is started again (each projection resumes from its checkpoint); its
 * metrics are part of this process's /metrics.
 */
export async function startProjectorsThread(config: Config, log: Logger): Promise<ProjectorsThread> {
  let worker: Worker;
  let closing = false;
  let nextId = 0;
  const waiting = new Map<number, (text: string) => void>();

  const spawn = () =>
    new Promise<void>((resolve, reject) => {
      worker = new Worker(ENTRY, { workerData: config, execArgv: [] });
      worker.on('message', (m: FromProjectors) => {
        if (m.kind === 'ready') resolve();
        if (m.kind === 'metrics') {
          waiting.get(m.id)?.(m.text);
          waiting.delete(m.id);
        }
      });
      worker.once('error', (err) => {
        log.error({ err }, 'the projectors thread failed');
        reject(err);
      });
      worker.once('exit', (code) => {
        for (const answer of waiting.values()) answer('');
        waiting.clear();
        if (closing) return;
        log.error({ code }, 'the projectors thread exited; starting it again in 1 s');
        setTimeout(() => void spawn().catch((err: unknown) => log.error({ err }, 'restarting the projectors thread failed')), 1000).unref();
      });
    });

  await spawn();
  const removeMetrics = addMetricsSource(
    () =>
      new Promise<string>((resolve) => {
        const id = nextId++;
        waiting.set(id, resolve);
        worker.postMessage({ kind: 'metrics', id } satisfies ToProjectors);
        setTimeout(() => (waiting.delete(id), resolve('')), 2000).unref();
      }),
  );
  return {
    async close() {
      closing = true;
      removeMetrics();
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.postMessage({ kind: 'close' } satisfies ToProjectors);
      const timer = setTimeout(() => void worker.terminate(), 15_000).unref();
      await exited;
      clearTimeout(timer);
    },
  };
}
