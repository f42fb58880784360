import { join } from 'node:path';
import { cpuOf, metered, progress, settle, withWorkers, type Bench } from '../lib/bench';
import { collectAll, connectClients, markAll, sourceAddresses } from '../lib/clients';
import { histogram, merge, recordMs, summarize, type Latency } from '../lib/hdr';
import type { Outcome } from '../lib/http';
import { GROUP_SIZE, postersOf, type Poster } from '../lib/population';
import { sleep } from '../lib/proc';
import { fmt, type Row } from '../lib/report';
import type { StackCpu } from '../lib/stack-cpu';
import { Synapse, SYNAPSE_VERSION } from '../lib/synapse';
import type { Worker } from '../lib/worker';

type Sizes = Bench['options']['sizes']['synapse'];

/**
 * A rate is sustained when the median send is answered within this: past capacity the sends
 * queue, and end-to-end latency then measures the queue rather than delivery.
 */
const SUSTAINED_MS = 250;
const sustained = (e: E2e) => e.answered.p50 <= SUSTAINED_MS && e.failed === 0;

interface Cpu {
  sutCpu: number;
  loadCpu: number;
  stackCpu?: StackCpu;
}

interface Ingest extends Cpu {
  perSecond: number;
  accepted: number;
  failed: number;
  seconds: number;
  latency: Latency;
  statuses: Record<string, number>;
  samples?: Record<string, string>;
}

interface E2e extends Cpu {
  /** Sends per second, the same for both. */
  rate: number;
  /** From when a send was due until the last receiver had it, over the messages every receiver got. */
  latency: Latency;
  /** The same per delivery (each receiver's copy). */
  perDelivery: Latency;
  /** From when a send was due to its answer. */
  answered: Latency;
  sent: number;
  failed: number;
  /** Copies of accepted messages that never arrived. */
  missing: number;
  duplicates: number;
  /** Ours: sockets closed; Synapse: failed syncs by status. */
  closes: Record<string, number>;
  /** Synapse: every rate tried, up to the first it did not sustain. */
  tried?: { rate: number; answered: Latency }[];
}

interface Measured {
  ingest: Ingest;
  e2e: E2e;
}

/**
 * GroupChat against a real chat server, Synapse, under the same load: the same closed loop of
 * senders into one group (one room), then the same members each reading it (WebSockets against
 * /sync long-polls) while they send at the highest of the rates tried that Synapse sustains. Synapse goes first, alone on the box but
 * for the idle system under test; then ours, with Synapse stopped.
 */
export async function synapse(b: Bench): Promise<Row[]> {
  const s = b.options.sizes.synapse;
  if (s.receivers > GROUP_SIZE || s.users > s.receivers || !s.rates.length)
    throw new Error(`synapse: needs users ≤ receivers ≤ ${GROUP_SIZE} (one group) and a rate`);
  const theirs = await measureSynapse(b, s);
  const ours = await measureOurs(b, s, theirs.e2e.rate);
  return rows(s, ours, theirs);
}

async function measureSynapse(b: Bench, s: Sizes): Promise<Measured> {
  const server = await Synapse.start(b.config.DATABASE_URL, join(b.resultsDir, `${b.stamp}-synapse.log`), (stop) => b.cleanups.push(stop));
  try {
    progress(`synapse: ${s.receivers} users in one room …`);
    const { roomId, users } = await server.room(s.receivers);
    const posters: Poster[] = users.map((u) => ({ groupId: roomId, userId: u.userId, username: u.userId }));
    const accessTokens = Object.fromEntries(users.map((u) => [u.userId, u.token]));
    return await withWorkers('senders', 1, async ([sender]) => {
      const setup = (p: Poster[]) =>
        sender!.call('setup', { target: 'synapse', baseUrl: server.url, posters: p, accessTokens, maxSockets: s.users * s.inFlightPerUser, seed: 300 });
      await setup(posters.slice(0, s.users));
      const ingest = await closedLoop('Synapse', sender!, s, [server.pid], server.database);
      await setup(posters);
      return withWorkers('matrix-sync', 1, async (receivers) => {
        await receivers[0]!.call('listen', { baseUrl: server.url, roomId, users, timeoutMs: 30_000 });
        // From the lowest rate up, so that no step follows one Synapse could not keep up with.
        const tried: { rate: number; answered: Latency; latency: Latency }[] = [];
        let chosen: E2e | undefined;
        for (const rate of s.rates) {
          const e2e = await endToEnd('Synapse', sender!, receivers, s, rate, [server.pid], server.database);
          tried.push({ rate, answered: e2e.answered, latency: e2e.latency });
          if (!sustained(e2e)) {
            progress(`  Synapse does not keep up at ${rate} msg/s (sends answered at p50 ${fmt.ms(e2e.answered.p50)} ms)`);
            chosen ??= e2e;
            break;
          }
          chosen = e2e;
        }
        await receivers[0]!.call('close');
        return { ingest, e2e: { ...chosen!, tried } };
      });
    });
  } finally {
    await server.stop();
  }
}

async function measureOurs(b: Bench, s: Sizes, rate: number): Promise<Measured> {
  const members = postersOf([b.population.groups[0]!]).slice(0, s.receivers);
  const { JWT_SECRET: jwtSecret, ACCESS_TOKEN_TTL_SECONDS: tokenTtlSeconds } = b.config;
  await settle(b);
  return withWorkers('senders', 1, async ([sender]) => {
    const setup = (p: Poster[]) =>
      sender!.call('setup', { target: 'ours', baseUrl: b.sut.url, posters: p, jwtSecret, tokenTtlSeconds, maxSockets: s.users * s.inFlightPerUser, seed: 300 });
    await setup(members.slice(0, s.users));
    const ingest = await closedLoop('ours', sender!, s, [b.sut.pid]);
    await settle(b);
    await setup(members);
    return withWorkers('sockets', 1, async (sockets) => {
      const c = await connectClients(
        sockets,
        { kind: 'ours', url: b.sut.wsUrl, jwtSecret, tokenTtlSeconds },
        members,
        0,
        members.length,
        sourceAddresses(members.length),
      );
      if (c.connected < members.length) throw new Error(`synapse: only ${c.connected} of ${members.length} sockets subscribed: ${JSON.stringify(c.failures)}`);
      const e2e = await endToEnd('ours', sender!, sockets, s, rate, [b.sut.pid]);
      await sockets[0]!.call('close');
      await settle(b);
      return { ingest, e2e };
    });
  });
}

/** `users` × `inFlightPerUser` senders as fast as answers come, a warm-up then the measured window. */
async function closedLoop(system: string, sender: Worker, s: Sizes, serverPids: number[], database?: string): Promise<Ingest> {
  const concurrency = s.users * s.inFlightPerUser;
  progress(`synapse: ${system}, ${s.users} users × ${s.inFlightPerUser} sends in flight into one room, ${s.warmupSeconds} s warm-up + ${s.seconds} s …`);
  await sender.call('closed', { seconds: s.warmupSeconds, concurrency });
  const m = await metered(serverPids, [sender.pid], () => sender.call<Outcome>('closed', { seconds: s.seconds, concurrency }), database);
  const r = m.result;
  const latency = summarize(merge([r.hist!]));
  progress(`  ${fmt.int(r.ok / r.seconds)} msg/s, p50 / p99 ${fmt.ms(latency.p50)} / ${fmt.ms(latency.p99)} ms, statuses ${JSON.stringify(r.statuses)}`);
  return { perSecond: r.ok / r.seconds, accepted: r.ok, failed: r.failed, seconds: r.seconds, latency, statuses: r.statuses, samples: r.samples, ...cpuOf(m) };
}

/** Open-loop sends at `rate` from the members; each message is timed until the last receiver has it. */
async function endToEnd(system: string, sender: Worker, receivers: Worker[], s: Sizes, rate: number, serverPids: number[], database?: string): Promise<E2e> {
  progress(`synapse: ${system}, ${rate} msg/s to ${s.receivers} receivers, ${s.warmupSeconds} s warm-up + ${s.e2eSeconds} s …`);
  await sender.call('open', { seconds: s.warmupSeconds, rate });
  await markAll(receivers, true);
  const pids = [sender, ...receivers].map((w) => w.pid);
  const m = await metered(
    serverPids,
    pids,
    async () => {
      const sent = await sender.call<Outcome>('open', { seconds: s.e2eSeconds, rate, track: true });
      const stamps = sent.accepted ?? [];
      const deadline = performance.now() + s.drainSeconds * 1000;
      let got = await collectAll(receivers);
      while (stamps.some((t) => (got.perMessage.get(t) ?? 0) < s.receivers) && performance.now() < deadline) {
        await sleep(200);
        got = await collectAll(receivers);
      }
      return { sent, stamps, got };
    },
    database,
  );
  const { sent, stamps, got } = m.result;
  const last = histogram();
  let missing = 0;
  let duplicates = 0;
  for (const t of stamps) {
    const n = got.perMessage.get(t) ?? 0;
    if (n >= s.receivers) recordMs(last, got.lastSeen.get(t)! - Number.parseFloat(t));
    missing += Math.max(0, s.receivers - n);
    duplicates += Math.max(0, n - s.receivers);
  }
  const e2e: E2e = {
    rate,
    latency: summarize(last),
    perDelivery: summarize(merge(got.hists)),
    answered: summarize(merge([sent.hist!])),
    sent: sent.ok,
    failed: sent.failed + (sent.pending ?? 0),
    missing,
    duplicates,
    closes: got.closes,
    ...cpuOf(m),
  };
  progress(
    `  last receiver p50 / p95 / p99 ${trio(e2e.latency)} (sends answered ${trio(e2e.answered)}), ${fmt.int(missing)} copies missing, ${fmt.int(e2e.failed)} sends failed`,
  );
  return e2e;
}

const trio = (l: Latency) => `${fmt.ms(l.p50)} / ${fmt.ms(l.p95)} / ${fmt.ms(l.p99)} ms`;

function rows(s: Sizes, ours: Measured, theirs: Measured): Row[] {
  const peer = `Synapse ${SYNAPSE_VERSION}`;
  const cores = (c: Cpu) => `${fmt.cores(c.sutCpu)} cores`;
  const refused = (i: Ingest) => (i.failed ? `, ${fmt.int(i.failed)} refused` : '');
  const lost = (e: E2e) => [e.missing && `${fmt.int(e.missing)} copies missing`, e.failed && `${fmt.int(e.failed)} sends failed`].filter(Boolean).join(', ');
  const ingestRatio = theirs.ingest.perSecond > 0 ? ours.ingest.perSecond / theirs.ingest.perSecond : null;
  const e2eRatio = theirs.e2e.latency.p99 > 0 ? ours.e2e.latency.p99 / theirs.e2e.latency.p99 : null;
  return [
    {
      scenario: 'synapse',
      figure: `messages accepted, ${s.users} users × ${s.inFlightPerUser} in flight into one group (Synapse: one room), p50 / p99`,
      value: `${fmt.int(ours.ingest.perSecond)} msg/s, ${fmt.ms(ours.ingest.latency.p50)} / ${fmt.ms(ours.ingest.latency.p99)} ms${refused(ours.ingest)}`,
      baseline: `${peer} ${fmt.int(theirs.ingest.perSecond)} msg/s, ${fmt.ms(theirs.ingest.latency.p50)} / ${fmt.ms(theirs.ingest.latency.p99)} ms${refused(theirs.ingest)} (${cores(theirs.ingest)})`,
      ratio: ingestRatio,
      target: '≥ 20',
      pass: ingestRatio !== null && ingestRatio >= 20,
      ...cpuOf(ours.ingest),
      data: { ours: ours.ingest, synapse: theirs.ingest },
    },
    {
      scenario: 'synapse',
      figure: `send → last of ${s.receivers} members, ${fmt.int(theirs.e2e.rate)} msg/s (ours: WebSockets; Synapse: /sync long-polls), p50 / p95 / p99`,
      value: `${trio(ours.e2e.latency)}${lost(ours.e2e) ? ` (${lost(ours.e2e)})` : ''}`,
      baseline: `${peer} ${trio(theirs.e2e.latency)}${lost(theirs.e2e) ? ` (${lost(theirs.e2e)})` : ''} (${cores(theirs.e2e)}${sustained(theirs.e2e) ? '' : `; past its capacity, sends answered at p50 ${fmt.ms(theirs.e2e.answered.p50)} ms`})`,
      ratio: e2eRatio,
      target: '≤ 0.10',
      pass: e2eRatio !== null && e2eRatio <= 0.1 && ours.e2e.missing === 0 && ours.e2e.duplicates === 0,
      ...cpuOf(ours.e2e),
      data: { ours: ours.e2e, synapse: theirs.e2e },
    },
  ];
}
