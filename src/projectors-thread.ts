// The projectors on a thread of their own: decoding and writing read models never holds up the
// event loop that answers commands, queries and WebSocket clients, and uses the second core.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { createRuntime, registry, type Config } from '@groupchat/shared';
import { createProjectors } from '@groupchat/projectors';

export type ToProjectors = { kind: 'metrics'; id: number } | { kind: 'close' };
export type FromProjectors = { kind: 'ready' } | { kind: 'metrics'; id: number; text: string } | { kind: 'closed' };

/**
 * Read models may lag a little; answering clients may not. On Linux a thread has its own nice
 * value: this one yields the CPU to the main thread (and to the servers) when both want it, and
 * takes whatever is idle otherwise. Elsewhere it runs at the process's priority.
 */
function yieldToClients(nice: number) {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (tid > 0) setPriority(tid, nice);
  } catch {
    // Not Linux, or not allowed: same priority as the rest of the process.
  }
}

const config = workerData as Config;
yieldToClients(config.PROJECTORS_NICE);
const port = parentPort!;
const post = (m: FromProjectors) => port.postMessage(m);

const rt = await createRuntime(config, 'projectors');
const projectors = await createProjectors(rt);

/** Only the projectors' own metrics: the process-wide ones are the main thread's to report. */
async function projectionMetrics(): Promise<string> {
  const names = registry
    .getMetricsAsArray()
    .map((m) => m.name)
    .filter((n) => n.startsWith('groupchat_projection'));
  return (await Promise.all(names.map((n) => registry.getSingleMetricAsString(n)))).join('\n');
}

port.on('message', (m: ToProjectors) => {
  if (m.kind === 'metrics')
    void projectionMetrics().then(
      (text) => post({ kind: 'metrics', id: m.id, text }),
      () => post({ kind: 'metrics', id: m.id, text: '' }),
    );
  if (m.kind === 'close') {
    void (async () => {
      await projectors.close().catch((err: unknown) => rt.log.error({ err }, 'closing the projectors failed'));
      await rt.close().catch(() => undefined);
      post({ kind: 'closed' });
      port.close();
    })();
  }
});
post({ kind: 'ready' });
