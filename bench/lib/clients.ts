import type { Poster } from './population';
import type { Worker } from './worker';

/** Source addresses for client sockets: 127.0.0.2, .3, … each used for at most `perAddress` sockets. */
export function sourceAddresses(sockets: number, perAddress = 20_000): string[] {
  return Array.from({ length: Math.max(1, Math.ceil(sockets / perAddress)) }, (_, i) => `127.0.0.${2 + i}`);
}

export interface Target {
  kind: 'ours' | 'centrifugo';
  url: string;
  jwtSecret?: string;
  tokenTtlSeconds?: number;
  hmacSecret?: string;
}

export interface Connected {
  connected: number;
  failures: Record<string, number>;
  seconds: number;
}

/**
 * Opens clients[from, to) across the socket workers (client i goes to worker i mod n), each
 * authenticated and subscribed to its group.
 */
export async function connectClients(
  workers: Worker[],
  target: Target,
  clients: Poster[],
  from: number,
  to: number,
  addresses: string[],
  budgetMs?: number,
  retries = 0,
): Promise<Connected> {
  const started = performance.now();
  const parts = workers.map((w, k) => ({ w, slice: clients.slice(from, to).filter((_, i) => (from + i) % workers.length === k) }));
  const answers = await Promise.all(
    parts
      .filter((p) => p.slice.length)
      .map((p) =>
        p.w.call<Connected>(
          'connect',
          { ...target, clients: p.slice, localAddresses: addresses, concurrency: 200, timeoutMs: 60_000, budgetMs, retries },
          900_000,
        ),
      ),
  );
  const failures: Record<string, number> = {};
  for (const a of answers) for (const [k, v] of Object.entries(a.failures)) failures[k] = (failures[k] ?? 0) + v;
  return { connected: answers.reduce((n, a) => n + a.connected, 0), failures, seconds: (performance.now() - started) / 1000 };
}

export interface Window {
  deliveries: number;
  hist: string;
  seconds: number;
  closes: Record<string, number>;
  open: number;
  /** Per message: deliveries and when the latest arrived (both in the order of `stamps`). */
  tracked?: { stamps: string[]; counts: number[]; last: number[] };
}

export async function markAll(workers: Worker[], track = false): Promise<void> {
  await Promise.all(workers.map((w) => w.call('mark', { track })));
}

export interface Collected {
  deliveries: number;
  hists: string[];
  seconds: number;
  closes: Record<string, number>;
  open: number;
  /** Deliveries per message over all workers, when the window tracked them. */
  perMessage: Map<string, number>;
  /** When the latest delivery of each message arrived, over all workers (wall-clock ms). */
  lastSeen: Map<string, number>;
}

export async function collectAll(workers: Worker[]): Promise<Collected> {
  const answers = await Promise.all(workers.map((w) => w.call<Window>('collect')));
  const closes: Record<string, number> = {};
  for (const a of answers) for (const [k, v] of Object.entries(a.closes)) closes[k] = (closes[k] ?? 0) + v;
  const perMessage = new Map<string, number>();
  const lastSeen = new Map<string, number>();
  for (const a of answers)
    a.tracked?.stamps.forEach((stamp, i) => {
      perMessage.set(stamp, (perMessage.get(stamp) ?? 0) + a.tracked!.counts[i]!);
      lastSeen.set(stamp, Math.max(lastSeen.get(stamp) ?? 0, a.tracked!.last[i]!));
    });
  return {
    perMessage,
    lastSeen,
    deliveries: answers.reduce((n, a) => n + a.deliveries, 0),
    hists: answers.map((a) => a.hist),
    seconds: Math.max(...answers.map((a) => a.seconds)),
    closes,
    open: answers.reduce((n, a) => n + a.open, 0),
  };
}

/** Deliveries since the last mark, over all workers. */
export async function countAll(workers: Worker[]): Promise<number> {
  const answers = await Promise.all(workers.map((w) => w.call<{ deliveries: number }>('count')));
  return answers.reduce((n, a) => n + a.deliveries, 0);
}

/** Waits until the sockets have `expected` deliveries since the mark, at most `timeoutMs`. */
export async function awaitDeliveries(workers: Worker[], expected: number, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline && (await countAll(workers)) < expected) await new Promise((r) => setTimeout(r, 50));
}

/**
 * Waits until nothing more arrives for `quietMs` (at most `timeoutMs`): what a saturated step
 * left queued must not be counted in the next one. Marks the sockets as it goes.
 */
export async function quiesce(workers: Worker[], quietMs = 300, timeoutMs = 30_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  do {
    await markAll(workers);
    await new Promise((r) => setTimeout(r, quietMs));
  } while ((await countAll(workers)) > 0 && performance.now() < deadline);
}
