import { cpuOf, metered, type Bench } from '../lib/bench';
import { awaitDeliveries, collectAll, markAll, quiesce } from '../lib/clients';
import { sleep } from '../lib/proc';
import { merge, summarize, type Latency } from '../lib/hdr';
import type { Outcome } from '../lib/http';
import { GROUP_SIZE, type Poster } from '../lib/population';
import { highestHolding, saturate, type Ceiling, type Delivered, type Saturation } from '../lib/search';
import type { StackCpu } from '../lib/stack-cpu';
import type { Worker } from '../lib/worker';

export type System = 'ours' | 'realtime' | 'centrifugo';

/** One system's sockets at one count, and what drives them. */
export interface Pass {
  b: Bench;
  system: System;
  sockets: Worker[];
  /** HTTP publishers (ours: the command API; Centrifugo: its publish API); none for realtime alone. */
  senders: Worker[];
  /** Realtime alone: the producer that feeds its messages topic. */
  producer?: Worker;
  /** Every load generator, for the CPU columns. */
  loadPids: number[];
  serverPid: number;
  /** Waits until the system has worked off what the last step left (ours: the projections). */
  settle(): Promise<void>;
}

export interface E2e {
  latency: Latency;
  /** From when a send was due to its answer (202 for ours, 200 for Centrifugo's publish): the part before delivery. */
  answered: Latency;
  delivered: number;
  expected: number;
  /** Deliveries of accepted messages that never arrived (a message reaches every member's socket once). */
  missing: number;
  /** Deliveries beyond one per socket and message. */
  duplicates: number;
  sent: number;
  failed: number;
  closes: Record<string, number>;
  sutCpu: number;
  loadCpu: number;
  stackCpu?: StackCpu;
}

export interface Fanout {
  perSecond: number;
  published: number;
  failed: number;
  closes: Record<string, number>;
  sutCpu: number;
  loadCpu: number;
  stackCpu?: StackCpu;
}

/** A step of the fan-out capacity search: what was offered and what arrived. */
export type Fed = Fanout & Delivered & { seconds: number };

/**
 * Open loop at `rate` for `seconds`, then up to `drainMs` for the answers and `waitMs` for the
 * deliveries of what was accepted; an answer later than that counts as failed, a delivery as missing.
 */
export async function endToEnd(p: Pass, rate: number, seconds: number, { waitMs, drainMs = 30_000 }: { waitMs: number; drainMs?: number }): Promise<E2e> {
  await markAll(p.sockets, true);
  const run = await metered([p.serverPid], p.loadPids, async () => {
    const sent = await Promise.all(p.senders.map((w) => w.call<Outcome>('open', { seconds, rate: rate / p.senders.length, track: true, drainMs })));
    await awaitDeliveries(p.sockets, sent.reduce((n, s) => n + s.ok, 0) * GROUP_SIZE, waitMs);
    return { sent, got: await collectAll(p.sockets) };
  });
  const { sent, got } = run.result;
  const ok = sent.reduce((n, s) => n + s.ok, 0);
  let missing = 0;
  let duplicates = 0;
  for (const stamp of sent.flatMap((s) => s.accepted ?? [])) {
    const n = got.perMessage.get(stamp) ?? 0;
    missing += Math.max(0, GROUP_SIZE - n);
    duplicates += Math.max(0, n - GROUP_SIZE);
  }
  return {
    latency: summarize(merge(got.hists)),
    answered: summarize(merge(sent.map((s) => s.hist!))),
    delivered: got.deliveries,
    expected: ok * GROUP_SIZE,
    missing,
    duplicates,
    sent: ok,
    failed: sent.reduce((n, s) => n + s.failed + (s.pending ?? 0), 0),
    closes: got.closes,
    ...cpuOf(run),
  };
}

/**
 * Deliveries per second while `publish` runs; with `warmupMs`, counted from that long after it
 * starts, when what is in flight at the end of the window is matched by what was in flight at
 * its start (a short window would otherwise charge the system its delivery latency).
 */
export async function fanout(p: Pass, publish: () => Promise<Outcome[]>, warmupMs = 0): Promise<Fanout> {
  if (!warmupMs) await markAll(p.sockets);
  const run = await metered([p.serverPid], p.loadPids, async () => {
    const publishing = publish();
    if (warmupMs) await sleep(warmupMs).then(() => markAll(p.sockets));
    const sent = await publishing;
    return { sent, got: await collectAll(p.sockets) };
  });
  const { sent, got } = run.result;
  return {
    perSecond: got.deliveries / got.seconds,
    published: sent.reduce((n, s) => n + s.ok, 0),
    failed: sent.reduce((n, s) => n + s.failed, 0),
    closes: got.closes,
    ...cpuOf(run),
  };
}

/** Closed-loop HTTP publishers (ours: POST /messages; Centrifugo: /api/publish). */
export function httpFanout(p: Pass, seconds: number, concurrency: number): Promise<Fanout> {
  return fanout(p, () => Promise.all(p.senders.map((w) => w.call<Outcome>('closed', { seconds, concurrency }))));
}

/** Each system's fastest way in at `rate` msg/s: realtime alone fed onto its messages topic, Centrifugo through /api/batch. */
export async function feed(p: Pass, rate: number, seconds: number): Promise<Fed> {
  const r = await fanout(
    p,
    async () => {
      if (p.producer) {
        // About 40 produce requests a second, one in flight, as the command API's log writes them.
        const done = await p.producer.call<{ count: number; seconds: number }>('produce', { seconds, batch: Math.max(250, Math.round(rate / 40)), rate });
        return [{ ok: done.count, failed: 0, statuses: {}, seconds: done.seconds }];
      }
      return Promise.all(p.senders.map((w) => w.call<Outcome>('batched', { seconds, rate: rate / p.senders.length, batch: 50 })));
    },
    (seconds * 1000) / 3,
  );
  return { ...r, seconds, offered: (r.published * GROUP_SIZE) / seconds, delivered: r.perSecond };
}

/**
 * The fan-out capacity: offered rates doubling until the delivered rate stops growing. Each
 * step first drains what the one before left queued; what the last leaves is the caller's.
 */
export function fanoutCapacity(
  p: Pass,
  o: { start: number; seconds: number; maxSteps: number },
  onStep: (rate: number, r: Fed) => void,
): Promise<Saturation<Fed>> {
  let first = true;
  return saturate(
    async (rate) => {
      if (!first) await quiesce(p.sockets);
      first = false;
      const r = await feed(p, rate, o.seconds);
      onStep(rate, r);
      return r;
    },
    { start: o.start, maxSteps: o.maxSteps },
  );
}

export const e2eSearchBounds = (target: number) => ({ start: target / 4, min: target / 16, max: target * 4 });

/** What a rate of the e2e capacity search must meet: p99 within the bound, every delivery made once, every send accepted. */
export const holds = (r: E2e, p99Ms: number) => r.latency.p99 <= p99Ms && r.missing === 0 && r.duplicates === 0 && r.failed === 0;

/**
 * The highest rate whose p99 (POST → every socket) stays within `p99Ms`, searched between
 * ¹⁄₁₆ and 4 × the target from a quarter of it: a rate past capacity costs the longest step
 * (its queue drains after the window), so the search reaches the target from below.
 */
export function e2eCapacity(
  p: Pass,
  o: { target: number; p99Ms: number; seconds: number; maxSteps: number },
  onStep: (rate: number, r: E2e, held: boolean) => void,
): Promise<Ceiling<E2e>> {
  return highestHolding(
    async (rate) => {
      // Sends unanswered 5 s after the window, or a delivery a second later, cannot be within the bound anyway.
      const result = await endToEnd(p, rate, o.seconds, { waitMs: 1000 + o.p99Ms, drainMs: 5000 });
      const held = holds(result, o.p99Ms);
      onStep(rate, result, held);
      if (!held) await quiesce(p.sockets);
      await p.settle();
      return { held, result };
    },
    { ...e2eSearchBounds(o.target), maxSteps: o.maxSteps },
  );
}

/** Realtime alone's producer: MessageSent events for these posters onto the topics of `namespace`. */
export async function setupProducer(b: Bench, producer: Worker, namespace: string, posters: Poster[]): Promise<void> {
  await producer.call('setup', { config: { KAFKA_BROKERS: b.config.KAFKA_BROKERS, GROUPCHAT_NAMESPACE: namespace }, posters });
}
