// The app runs in the test process, so a blocked event loop delays both the poll's timer and
// its answer: each sample is measured from when the poll was due, not from when it was sent.

export interface HealthzWatch {
  /** Stops polling and answers the worst delay seen (ms) and how many polls answered. */
  stop(): Promise<{ maxMs: number; polls: number }>;
}

/** Polls `GET {url}/healthz` every `intervalMs` until stopped. */
export function watchHealthz(url: string, intervalMs = 50): HealthzWatch {
  let running = true;
  let maxMs = 0;
  let polls = 0;
  const loop = (async () => {
    while (running) {
      const due = performance.now();
      const res = await fetch(`${url}/healthz`);
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`/healthz answered ${res.status}`);
      polls++;
      maxMs = Math.max(maxMs, performance.now() - due);
      const next = performance.now() + intervalMs;
      await new Promise((r) => setTimeout(r, intervalMs));
      maxMs = Math.max(maxMs, performance.now() - next);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { maxMs: Math.round(maxMs), polls };
    },
  };
}

/** Runs `action` while /healthz is polled; answers its result and the worst /healthz delay. */
export async function whileWatched<T>(url: string, action: () => Promise<T>): Promise<{ result: T; maxMs: number; polls: number }> {
  const watch = watchHealthz(url);
  try {
    const result = await action();
    return { result, ...(await watch.stop()) };
  } catch (err) {
    await watch.stop().catch(() => undefined);
    throw err;
  }
}
