import { join } from 'node:path';
import { progress, settle, split, withWorkers, type Bench } from '../lib/bench';
import { Centrifugo } from '../lib/centrifugo';
import { connectClients, sourceAddresses, type Target } from '../lib/clients';
import { clientsFor } from '../lib/population';
import { sleep } from '../lib/proc';
import { fmt, type Row } from '../lib/report';
import { Sut } from '../lib/sut';
import type { Worker } from '../lib/worker';

const SOCKETS_PER_WORKER = 12_500;
const QUIET_MS = 5000;

interface Server {
  target: Target;
  rss(): number;
  stop(): Promise<void>;
}

interface Measured {
  perSocket: number;
  sockets: number;
  /** Sockets open when memory was read (fewer than asked for when the connect budget ran out). */
  connected: number;
  processes: number;
  rssBefore: number[];
  rssAfter: number[];
  connectSeconds: number;
  failures: Record<string, number>;
}

/**
 * Memory per idle socket (authenticated and subscribed): growth of the servers' RSS over the
 * sockets opened, on freshly started realtime processes (the realtime service alone, as it runs
 * in production). One process holds at most `perProcess` sockets (the container caps open files
 * at 20,000 per process), so larger counts use several — and as many Centrifugo nodes.
 */
export async function connections(b: Bench): Promise<Row[]> {
  const { sockets: counts, perProcess, perAddress, budgetSeconds } = b.options.sizes.connections;
  const budgetMs = budgetSeconds * 1000;
  const out: Row[] = [];
  for (const n of counts) {
    const processes = Math.ceil(n / perProcess);
    await settle(b);
    progress(`connections: ${fmt.int(n)} idle sockets on ${processes} GroupChat process(es) …`);
    const ours = await measure(b, n, perAddress, budgetMs, await oursServers(b, processes));
    progress(`  ${fmt.kib(ours.perSocket)} per socket`);
    progress(`connections: ${fmt.int(n)} idle sockets on ${processes} Centrifugo node(s) …`);
    const cf = await measure(b, n, perAddress, budgetMs, await centrifugoServers(b, processes));
    progress(`  ${fmt.kib(cf.perSocket)} per socket`);
    out.push({
      scenario: 'connections',
      figure: `memory per idle socket, ${fmt.int(n)} sockets${processes > 1 ? ` over ${processes} processes` : ''}`,
      value: `${fmt.kib(ours.perSocket)}${short(ours)}`,
      baseline: `Centrifugo ${fmt.kib(cf.perSocket)}${short(cf)}`,
      ratio: cf.perSocket > 0 ? ours.perSocket / cf.perSocket : null,
      target: 'ours ÷ Centrifugo',
      pass: null,
      data: { ours, centrifugo: cf },
    });
  }
  return out;
}

const short = (m: Measured) => (m.connected < m.sockets ? ` (${fmt.int(m.connected)} open in the time budget)` : '');

async function oursServers(b: Bench, processes: number): Promise<Server[]> {
  const target = (url: string): Target => ({ kind: 'ours', url, jwtSecret: b.config.JWT_SECRET, tokenTtlSeconds: b.config.ACCESS_TOKEN_TTL_SECONDS });
  // Fresh realtime processes: the all-in-one process's heap moves by more than the sockets take
  // as garbage from earlier scenarios is collected.
  const started = await Promise.all(
    Array.from({ length: processes }, (_, i) =>
      Sut.start(b.config, { entry: 'services/realtime/src/main.ts', label: `realtime#${i}`, logFile: join(b.resultsDir, `${b.stamp}-realtime-${i}.log`) }),
    ),
  );
  return started.map((s) => ({ target: target(s.wsUrl), rss: () => s.rss(), stop: () => s.stop() }));
}

async function centrifugoServers(b: Bench, processes: number): Promise<Server[]> {
  const nodes = await Promise.all(Array.from({ length: processes }, (_, i) => Centrifugo.start(join(b.resultsDir, `${b.stamp}-centrifugo-${i}.log`))));
  return nodes.map((c) => ({
    target: { kind: 'centrifugo', url: c.wsUrl, hmacSecret: c.hmacSecret, tokenTtlSeconds: 6 * 3600 },
    rss: () => c.rss(),
    stop: () => c.stop(),
  }));
}

async function measure(b: Bench, n: number, perAddress: number, budgetMs: number, servers: Server[]): Promise<Measured> {
  try {
    const { clients } = clientsFor(b.population, n);
    const shares = split(clients, servers.length);
    await sleep(QUIET_MS);
    const rssBefore = servers.map((s) => s.rss());
    return await withWorkers('sockets', Math.ceil(n / SOCKETS_PER_WORKER), async (workers: Worker[]) => {
      const started = performance.now();
      const failures: Record<string, number> = {};
      // Every server's share at once, spread over every worker; sources cycle through 127.0.0.x.
      const answers = await Promise.all(
        shares.map((share, i) => connectClients(workers, servers[i]!.target, share, 0, share.length, sourceAddresses(n, perAddress), budgetMs)),
      );
      const connected = answers.reduce((sum, c) => sum + c.connected, 0);
      for (const c of answers) for (const [k, v] of Object.entries(c.failures)) failures[k] = (failures[k] ?? 0) + v;
      const connectSeconds = (performance.now() - started) / 1000;
      if (connected < n / 2) throw new Error(`only ${connected} of ${n} sockets subscribed: ${JSON.stringify(failures)}`);
      await sleep(QUIET_MS);
      const rssAfter = servers.map((s) => s.rss());
      await Promise.all(workers.map((w) => w.call('close')));
      const grown = rssAfter.reduce((sum, r, i) => sum + r - rssBefore[i]!, 0);
      return { perSocket: grown / connected, sockets: n, connected, processes: servers.length, rssBefore, rssAfter, connectSeconds, failures };
    });
  } finally {
    await Promise.allSettled(servers.map((s) => s.stop()));
  }
}
