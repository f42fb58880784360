import { join } from 'node:path';
import { cpuOf, metered, progress, settle, withWorkers, type Bench } from '../lib/bench';
import { Centrifugo } from '../lib/centrifugo';
import { collectAll, connectClients, markAll, sourceAddresses, type Target } from '../lib/clients';
import { merge, summarize, type Latency } from '../lib/hdr';
import type { Outcome } from '../lib/http';
import { clientsFor, GROUP_SIZE, postersOf } from '../lib/population';
import { sleep } from '../lib/proc';
import { fmt, type Row } from '../lib/report';
import type { StackCpu } from '../lib/stack-cpu';
import type { Worker } from '../lib/worker';

const SOCKETS_PER_WORKER = 5000;

interface E2e {
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

interface Fanout {
  perSecond: number;
  published: number;
  failed: number;
  closes: Record<string, number>;
  sutCpu: number;
  loadCpu: number;
  stackCpu?: StackCpu;
}

type System = 'ours' | 'centrifugo';

interface Entry {
  /** By rate. */
  e2e: Map<number, E2e>;
  fanout?: Fanout;
  /** Fed at a fixed rate by the fastest way in: ours straight onto Kafka, Centrifugo through /api/batch. */
  paced?: Fanout;
}

/**
 * End-to-end latency (POST → every subscribed socket, open loop) and fan-out throughput
 * (closed-loop publishers) at each socket count, through GroupChat and then through Centrifugo
 * with the same clients, publisher loop and payloads.
 */
export async function delivery(b: Bench): Promise<Row[]> {
  const { e2e: e, fanout: f } = b.options.sizes;
  const e2eCounts = b.options.only.includes('e2e') ? e.sockets : [];
  const fanoutCounts = b.options.only.includes('fanout') ? f.sockets : [];
  const counts = [...new Set([...e2eCounts, ...fanoutCounts])].sort((x, y) => x - y);
  const largest = counts.at(-1)!;
  const { groups, clients } = clientsFor(b.population, largest);
  const addresses = sourceAddresses(largest);
  const results: Record<System, Map<number, Entry>> = { ours: new Map(), centrifugo: new Map() };

  for (const system of ['ours', 'centrifugo'] as const) {
    const centrifugo = system === 'centrifugo' ? await Centrifugo.start(join(b.resultsDir, `${b.stamp}-centrifugo.log`)) : undefined;
    const serverPid = centrifugo?.pid ?? b.sut.pid;
    const target: Target = centrifugo
      ? { kind: 'centrifugo', url: centrifugo.wsUrl, hmacSecret: centrifugo.hmacSecret, tokenTtlSeconds: 6 * 3600 }
      : { kind: 'ours', url: b.sut.wsUrl, jwtSecret: b.config.JWT_SECRET, tokenTtlSeconds: b.config.ACCESS_TOKEN_TTL_SECONDS };
    try {
      await withWorkers('sockets', Math.ceil(largest / SOCKETS_PER_WORKER), (sockets) =>
        withWorkers('senders', 2, async (senders) => {
          let connected = 0;
          for (const n of counts) {
            if (system === 'ours') await settle(b);
            progress(`${system}: connecting sockets ${connected + 1}–${n} …`);
            const c = await connectClients(sockets, target, clients, connected, n, addresses);
            progress(
              `  ${c.connected} subscribed in ${c.seconds.toFixed(1)} s${Object.keys(c.failures).length ? `, failures: ${JSON.stringify(c.failures)}` : ''}`,
            );
            if (c.connected < n - connected)
              throw new Error(`${system}: only ${c.connected} of ${n - connected} sockets subscribed: ${JSON.stringify(c.failures)}`);
            connected = n;
            const posters = postersOf(groups.slice(0, n / GROUP_SIZE));
            await Promise.all(
              senders.map((w, i) =>
                w.call('setup', {
                  target: system,
                  baseUrl: centrifugo?.url ?? b.sut.url,
                  posters,
                  apiKey: centrifugo?.apiKey,
                  jwtSecret: b.config.JWT_SECRET,
                  tokenTtlSeconds: b.config.ACCESS_TOKEN_TTL_SECONDS,
                  maxSockets: f.concurrencyPerSender,
                  seed: 200 + i,
                }),
              ),
            );
            const entry: Entry = results[system].get(n) ?? { e2e: new Map() };
            results[system].set(n, entry);
            const pids = [...sockets, ...senders].map((w) => w.pid);
            for (const rate of e2eCounts.includes(n) ? e.rates : []) {
              progress(`${system}: e2e at ${rate} msg/s to ${n} sockets for ${e.seconds} s …`);
              const r = await endToEnd(sockets, senders, pids, serverPid, rate, e.seconds);
              entry.e2e.set(rate, r);
              progress(
                `  p50/p95/p99 ${fmt.ms(r.latency.p50)}/${fmt.ms(r.latency.p95)}/${fmt.ms(r.latency.p99)} ms (answered ${fmt.ms(r.answered.p50)}/${fmt.ms(r.answered.p95)}/${fmt.ms(r.answered.p99)} ms), ${r.delivered}/${r.expected} delivered, ${r.missing} missing`,
              );
              if (system === 'ours') await settle(b);
            }
            if (fanoutCounts.includes(n)) {
              progress(`${system}: fan-out to ${n} sockets, ${senders.length}×${f.concurrencyPerSender} publishers for ${f.seconds} s …`);
              entry.fanout = await fanout(sockets, pids, serverPid, () =>
                Promise.all(senders.map((w) => w.call<Outcome>('closed', { seconds: f.seconds, concurrency: f.concurrencyPerSender }))),
              );
              progress(`  ${fmt.int(entry.fanout.perSecond)} deliveries/s`);
              if (system === 'ours') await settle(b);
              entry.paced = centrifugo
                ? await fanout(sockets, pids, serverPid, () =>
                    Promise.all([senders[0]!.call<Outcome>('batched', { seconds: f.seconds, rate: f.pacedRate, batch: 50 })]),
                  )
                : await kafkaFanout(b, sockets, posters, f.seconds, f.pacedRate);
              progress(`  fed at ${fmt.int(f.pacedRate)} msg/s: ${fmt.int(entry.paced.perSecond)} deliveries/s`);
              if (system === 'ours') await settle(b);
            }
          }
          await Promise.all(sockets.map((w) => w.call('close')));
        }),
      );
    } finally {
      await centrifugo?.stop();
    }
  }
  return rows(b, e2eCounts, fanoutCounts, results);
}

async function endToEnd(sockets: Worker[], senders: Worker[], pids: number[], serverPid: number, rate: number, seconds: number): Promise<E2e> {
  await markAll(sockets, true);
  const run = await metered([serverPid], pids, async () => {
    const sent = await Promise.all(senders.map((w) => w.call<Outcome>('open', { seconds, rate: rate / senders.length, track: true })));
    await sleep(3000);
    return { sent, got: await collectAll(sockets) };
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

async function fanout(sockets: Worker[], pids: number[], serverPid: number, publish: () => Promise<Outcome[]>): Promise<Fanout> {
  await markAll(sockets);
  const run = await metered([serverPid], pids, async () => {
    const sent = await publish();
    return { sent, got: await collectAll(sockets) };
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

/** GroupChat's realtime alone: MessageSent events put straight on the topic at a fixed rate, no command API in front. */
async function kafkaFanout(b: Bench, sockets: Worker[], posters: ReturnType<typeof postersOf>, seconds: number, rate: number): Promise<Fanout> {
  return withWorkers('producer', 1, async ([p]) => {
    await p!.call('setup', { config: { KAFKA_BROKERS: b.config.KAFKA_BROKERS, GROUPCHAT_NAMESPACE: b.config.GROUPCHAT_NAMESPACE }, posters });
    const result = await fanout(
      sockets,
      [...sockets, p!].map((w) => w.pid),
      b.sut.pid,
      async () => {
        const r = await p!.call<{ count: number; seconds: number }>('produce', { seconds, batch: 250, rate });
        return [{ ok: r.count, failed: 0, statuses: {}, seconds: r.seconds }];
      },
    );
    await p!.call('close');
    return result;
  });
}

function rows(b: Bench, e2eCounts: number[], fanoutCounts: number[], results: Record<System, Map<number, Entry>>): Row[] {
  const { e2e: e } = b.options.sizes;
  const out: Row[] = [];
  const trio = (l: Latency) => `${fmt.ms(l.p50)} / ${fmt.ms(l.p95)} / ${fmt.ms(l.p99)} ms`;
  for (const [n, rate] of e2eCounts.flatMap((n) => e.rates.map((r) => [n, r] as const))) {
    const ours = results.ours.get(n)?.e2e.get(rate);
    const cf = results.centrifugo.get(n)?.e2e.get(rate);
    if (!ours) continue;
    const targeted = n >= 10_000 && rate >= 1000;
    const lost = ours.missing;
    out.push({
      scenario: 'e2e',
      figure: `POST → all sockets, ${fmt.int(rate)} msg/s, ${fmt.int(n)} sockets, p50 / p95 / p99`,
      value: `${trio(ours.latency)}${lost > 0 ? ` (${fmt.int(lost)} of ${fmt.int(ours.expected)} not delivered)` : ''}${ours.duplicates ? ` (${fmt.int(ours.duplicates)} duplicates)` : ''}`,
      baseline: cf ? `Centrifugo ${trio(cf.latency)}` : '–',
      ratio: cf ? ours.latency.p99 / cf.latency.p99 : null,
      target: targeted ? 'p99 ≤ 50 ms' : 'p99 (ours ÷ Centrifugo)',
      pass: targeted ? ours.latency.p99 <= 50 && lost === 0 && ours.duplicates === 0 : null,
      ...cpuOf(ours),
      data: { ours, centrifugo: cf },
    });
  }
  const fanoutRow = (figure: string, ours: Fanout, cf: Fanout | undefined): Row => ({
    scenario: 'fanout',
    figure,
    value: `${fmt.int(ours.perSecond)} /s (${fmt.int(ours.published)} sent)`,
    baseline: cf ? `Centrifugo ${fmt.int(cf.perSecond)} /s (${fmt.int(cf.published)} sent)` : '–',
    ratio: cf ? ours.perSecond / cf.perSecond : null,
    target: 'ours ÷ Centrifugo',
    pass: null,
    ...cpuOf(ours),
    data: { ours, centrifugo: cf },
  });
  for (const n of fanoutCounts) {
    const ours = results.ours.get(n);
    const cf = results.centrifugo.get(n);
    if (ours?.fanout) out.push(fanoutRow(`deliveries/s to ${fmt.int(n)} sockets, HTTP-published`, ours.fanout, cf?.fanout));
    const rate = fmt.int(b.options.sizes.fanout.pacedRate);
    if (ours?.paced)
      out.push(fanoutRow(`deliveries/s to ${fmt.int(n)} sockets, fed ${rate} msg/s (ours: onto Kafka; Centrifugo: /api/batch)`, ours.paced, cf?.paced));
  }
  return out;
}
