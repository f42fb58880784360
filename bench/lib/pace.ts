import { nowMs } from './hdr';

/**
 * Open loop: calls `fire(intendedMs, i)` for i = 0 … rate × seconds − 1 at fixed intervals,
 * whether or not earlier calls have finished. Callers measure latency from `intendedMs`, so a
 * stall of the system shows up in every request scheduled during it (no coordinated omission).
 */
export async function openLoop(rate: number, seconds: number, fire: (intendedMs: number, i: number) => void): Promise<{ scheduled: number; lateMs: number }> {
  const total = Math.max(1, Math.floor(rate * seconds));
  const interval = 1000 / rate;
  const start = nowMs() + 5;
  let i = 0;
  let worstLate = 0;
  while (i < total) {
    const now = nowMs();
    while (i < total && start + i * interval <= now) {
      const intended = start + i * interval;
      worstLate = Math.max(worstLate, now - intended);
      fire(intended, i);
      i++;
    }
    if (i >= total) break;
    const wait = start + i * interval - nowMs();
    await (wait >= 1 ? new Promise((r) => setTimeout(r, Math.floor(wait))) : new Promise((r) => setImmediate(r)));
  }
  return { scheduled: total, lateMs: worstLate };
}

/** Closed loop: `concurrency` callers each issue the next request when their previous one is answered, until the deadline. */
export async function closedLoop(concurrency: number, seconds: number, call: (i: number) => Promise<void>): Promise<number> {
  const deadline = nowMs() + seconds * 1000;
  let n = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (nowMs() < deadline) await call(n++);
    }),
  );
  return n;
}

/** Waits for promises still in flight, at most `timeoutMs`; answers how many were still pending. */
export async function drain(inFlight: Set<Promise<unknown>>, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (inFlight.size && Date.now() < deadline) await Promise.race([...inFlight, new Promise((r) => setTimeout(r, 100))]);
  return inFlight.size;
}
