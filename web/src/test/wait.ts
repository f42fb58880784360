import { flushPromises } from '@vue/test-utils';

/** Polls `check` (bounded) until it holds; fails naming `what` otherwise. */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 2_000, intervalMs = 10): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    await flushPromises();
    if (check()) return;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
