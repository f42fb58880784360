import { join } from 'node:path';
import { progress, settle, withWorkers, type Bench } from '../lib/bench';
import { Centrifugo } from '../lib/centrifugo';
import { connectClients, quiesce, sourceAddresses, type Target } from '../lib/clients';
import { clientsFor, GROUP_SIZE, postersOf } from '../lib/population';
import { fmt, type Row } from '../lib/report';
import { Sut } from '../lib/sut';
import { e2eCapacity, e2eSearchBounds, endToEnd, fanoutCapacity, httpFanout, setupProducer, type Pass, type System } from './delivery-probes';
import { E2E_BOUND_MS, e2eTargetFor, rows, type Results } from './delivery-rows';

const SOCKETS_PER_WORKER = 5000;

/**
 * End-to-end latency (POST → every subscribed socket, open loop) at fixed rates and as a
 * capacity (the highest rate within the p99 bound), fan-out throughput with closed-loop HTTP
 * publishers, through GroupChat's all-in-one process and then Centrifugo with the same clients,
 * publisher loop and payloads. Fan-out capacity: realtime alone in its own process, fed onto
 * its messages topic, against Centrifugo fed through /api/batch, each raised to saturation.
 */
export async function delivery(b: Bench): Promise<Row[]> {
  const { e2e: e, fanout: f } = b.options.sizes;
  const e2eCounts = b.options.only.includes('e2e') ? e.sockets : [];
  const ceilingCounts = b.options.only.includes('e2e') ? e.capacity.sockets : [];
  const fanoutCounts = b.options.only.includes('fanout') ? f.sockets : [];
  const saturationCounts = b.options.only.includes('fanout') ? f.capacity.sockets : [];
  const all = [...new Set([...e2eCounts, ...ceilingCounts, ...fanoutCounts, ...saturationCounts])].sort((x, y) => x - y);
  const results: Results = { ours: new Map(), realtime: new Map(), centrifugo: new Map() };
  const entry = (system: System, n: number) => results[system].get(n) ?? results[system].set(n, { e2e: new Map() }).get(n)!;

  const measure = async (p: Pass, n: number) => {
    const at = entry(p.system, n);
    const viaHttp = p.system !== 'realtime';
    for (const rate of viaHttp && e2eCounts.includes(n) ? e.rates : []) {
      progress(`${p.system}: e2e at ${rate} msg/s to ${n} sockets for ${e.seconds} s …`);
      const r = await endToEnd(p, rate, e.seconds, { waitMs: 3000 });
      at.e2e.set(rate, r);
      progress(
        `  p50/p95/p99 ${fmt.ms(r.latency.p50)}/${fmt.ms(r.latency.p95)}/${fmt.ms(r.latency.p99)} ms (answered ${fmt.ms(r.answered.p50)}/${fmt.ms(r.answered.p95)}/${fmt.ms(r.answered.p99)} ms), ${r.delivered}/${r.expected} delivered, ${r.missing} missing`,
      );
      await p.settle();
    }
    if (viaHttp && ceilingCounts.includes(n)) {
      const target = e2eTargetFor(n);
      progress(
        `${p.system}: e2e capacity at ${n} sockets (p99 ≤ ${E2E_BOUND_MS} ms), from ${e2eSearchBounds(target).start} msg/s, ${e.capacity.seconds} s a step …`,
      );
      at.ceiling = await e2eCapacity(p, { target, p99Ms: E2E_BOUND_MS, seconds: e.capacity.seconds, maxSteps: e.capacity.maxSteps }, (rate, r, held) =>
        progress(`  ${rate} msg/s: p99 ${fmt.ms(r.latency.p99)} ms, ${r.missing} missing, ${r.failed} failed → ${held ? 'held' : 'broke'}`),
      );
    }
    if (viaHttp && fanoutCounts.includes(n)) {
      progress(`${p.system}: fan-out to ${n} sockets, ${p.senders.length}×${f.concurrencyPerSender} publishers for ${f.seconds} s …`);
      at.fanout = await httpFanout(p, f.seconds, f.concurrencyPerSender);
      progress(`  ${fmt.int(at.fanout.perSecond)} deliveries/s`);
      await p.settle();
    }
    if (saturationCounts.includes(n) && p.system !== 'ours') {
      progress(`${p.system}: fan-out capacity to ${n} sockets, from ${fmt.int(f.capacity.start)} msg/s doubling, ${f.capacity.seconds} s a step …`);
      at.saturation = await fanoutCapacity(p, f.capacity, (rate, r) =>
        progress(`  asked ${fmt.int(rate)} msg/s: offered ${fmt.int(r.offered)} deliveries/s, delivered ${fmt.int(r.delivered)}/s`),
      );
      // What the saturated step left queued would reach the next measurement; realtime alone's
      // last one ends with its process.
      if (p.system !== 'realtime' || n !== saturationCounts.at(-1)) await quiesce(p.sockets);
    }
  };

  await runPass(b, 'ours', all, measure);
  if (saturationCounts.length) await runPass(b, 'realtime', saturationCounts, measure);
  await runPass(b, 'centrifugo', all, measure);
  return rows(b, { e2eCounts, ceilingCounts, fanoutCounts, saturationCounts }, results);
}

/**
 * Starts the system's server (ours: the bench's all-in-one process, already running), opens the
 * sockets count by count, each count adding to those already open, and measures at each.
 */
async function runPass(b: Bench, system: System, counts: number[], measure: (p: Pass, n: number) => Promise<void>): Promise<void> {
  const largest = counts.at(-1)!;
  const { groups, clients } = clientsFor(b.population, largest);
  const addresses = sourceAddresses(largest);
  const server = await startServer(b, system);
  try {
    await withWorkers('sockets', Math.ceil(largest / SOCKETS_PER_WORKER), (sockets) =>
      withWorkers('senders', system === 'realtime' ? 0 : 2, async (senders) => {
        let connected = 0;
        if (system === 'realtime') await settle(b);
        for (const n of counts) {
          if (system === 'ours') await settle(b);
          progress(`${system}: connecting sockets ${connected + 1}–${n} …`);
          // Every member of a group must be subscribed for its deliveries to add up: a client the
          // server was too busy to authenticate in time is tried again.
          const c = await connectClients(sockets, server.target, clients, connected, n, addresses, undefined, 2);
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
                baseUrl: server.url,
                posters,
                apiKey: server.apiKey,
                jwtSecret: b.config.JWT_SECRET,
                tokenTtlSeconds: b.config.ACCESS_TOKEN_TTL_SECONDS,
                maxSockets: b.options.sizes.fanout.concurrencyPerSender,
                seed: 200 + i,
              }),
            ),
          );
          await withWorkers('producer', system === 'realtime' ? 1 : 0, async ([producer]) => {
            if (producer) await setupProducer(b, producer, server.namespace!, posters);
            const pass: Pass = {
              b,
              system,
              sockets,
              senders,
              producer,
              loadPids: [...sockets, ...senders, ...(producer ? [producer] : [])].map((w) => w.pid),
              serverPid: server.pid,
              settle: system === 'ours' ? () => settle(b).then(() => undefined) : async () => undefined,
            };
            await measure(pass, n);
            await producer?.call('close');
          });
        }
        await Promise.all(sockets.map((w) => w.call('close')));
      }),
    );
  } finally {
    await server.stop();
  }
}

interface Server {
  target: Target;
  url: string;
  pid: number;
  apiKey?: string;
  /** Realtime alone: the namespace whose messages topic it reads. */
  namespace?: string;
  stop(): Promise<void>;
}

async function startServer(b: Bench, system: System): Promise<Server> {
  const ours = (url: string): Target => ({ kind: 'ours', url, jwtSecret: b.config.JWT_SECRET, tokenTtlSeconds: b.config.ACCESS_TOKEN_TTL_SECONDS });
  if (system === 'ours') return { target: ours(b.sut.wsUrl), url: b.sut.url, pid: b.sut.pid, stop: async () => undefined };
  if (system === 'centrifugo') {
    const c = await Centrifugo.start(join(b.resultsDir, `${b.stamp}-centrifugo.log`));
    const target: Target = { kind: 'centrifugo', url: c.wsUrl, hmacSecret: c.hmacSecret, tokenTtlSeconds: 6 * 3600 };
    return { target, url: c.url, pid: c.pid, apiKey: c.apiKey, stop: () => c.stop() };
  }
  // Realtime as it runs in production: its own process, the memberships read from the run's
  // database. Its topics live in a namespace of their own, so what is fed to it reaches no
  // projector: nothing else on the box works on the messages it delivers.
  const namespace = `${b.config.GROUPCHAT_NAMESPACE}fan_`;
  const rt = await Sut.start(
    { ...b.config, GROUPCHAT_NAMESPACE: namespace },
    { entry: 'services/realtime/src/main.ts', label: 'realtime', logFile: join(b.resultsDir, `${b.stamp}-realtime-fanout.log`) },
  );
  // Nothing of it outlives the pass: no need to wait while it works off a saturated feed's backlog.
  return { target: ours(rt.wsUrl), url: rt.url, pid: rt.pid, namespace, stop: () => rt.stop(3000) };
}
