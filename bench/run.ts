// `npm run bench [-- --quick] [-- --only ingest,e2e,…]`: every scenario against a fresh, isolated
// copy of GroupChat on the local stack; prints the table and writes bench/results/<time>.json.
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { createEs, createKafka, createPool, ensureDatabase, EventLog } from '@groupchat/shared';
import { failedRow, progress, settle, watchStack, type Bench } from './lib/bench';
import { removeRunData } from './lib/cleanup';
import { appendMessages } from './lib/corpus';
import { describeMachine } from './lib/machine';
import { parseOptions, usersNeeded, type Scenario } from './lib/options';
import { createPopulation } from './lib/population';
import { printTable, writeResults, type Row } from './lib/report';
import { findStack } from './lib/stack-cpu';
import { benchConfig, Sut } from './lib/sut';
import { REPO } from './lib/worker';
import { connections } from './scenarios/connections';
import { delivery } from './scenarios/delivery';
import { ingest } from './scenarios/ingest';
import { queries } from './scenarios/queries';
import { rebuild } from './scenarios/rebuild';
import { synapse } from './scenarios/synapse';

// kafkajs warns about its v2 partitioner change in every process that creates a producer.
process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
const options = parseOptions(process.argv.slice(2));
const startedAt = new Date();
const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
const resultsDir = join(REPO, 'bench', 'results');
const config = benchConfig();
const wants = (s: Scenario) => options.only.includes(s);

/** Scenarios in the order they run; e2e and fan-out share their sockets. */
const STEPS: { names: Scenario[]; run: (b: Bench) => Promise<Row[]> }[] = [
  { names: ['ingest'], run: ingest },
  { names: ['e2e', 'fanout'], run: delivery },
  { names: ['connections'], run: connections },
  { names: ['queries'], run: queries },
  { names: ['rebuild'], run: rebuild },
  { names: ['synapse'], run: synapse },
];

const cleanups: (() => Promise<void>)[] = [];
let stopped: Promise<void> | undefined;
// Once: the main flow that ends while a signal's cleanups run waits for them instead of exiting under them.
async function shutdown(code: number): Promise<never> {
  stopped ??= (async () => {
    for (const c of cleanups.reverse()) await c().catch((err) => progress(`cleanup: ${(err as Error).message}`));
  })();
  await stopped;
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void shutdown(130));
// Whatever goes wrong, the servers and the run's data on the shared stack are still removed.
for (const event of ['uncaughtException', 'unhandledRejection'] as const) {
  process.on(event, (err) => {
    progress(`${event}: ${(err as Error)?.stack ?? err}`);
    void shutdown(1);
  });
}

async function main(): Promise<void> {
  progress(
    `namespace ${config.GROUPCHAT_NAMESPACE}, database ${new URL(config.DATABASE_URL).pathname.slice(1)}, ${options.quick ? 'quick' : 'full'} sizes, scenarios: ${options.only.join(', ')}`,
  );
  await ensureDatabase(config.DATABASE_URL);
  const kafka = createKafka(config, 'bench');
  const admin = kafka.admin();
  await admin.connect();
  const es = createEs(config);
  const log = await EventLog.connect(kafka, config);
  const pool = createPool(config, 8);
  cleanups.push(async () => {
    await Promise.allSettled([log.close(), pool.end()]);
    if (!options.keep) {
      progress('removing the run’s topics, indices and database …');
      await removeRunData(config, admin, es);
    }
    await Promise.allSettled([admin.disconnect(), es.close()]);
  });

  const port = (url: string, fallback: number) => Number(new URL(url.includes('://') ? url : `tcp://${url}`).port) || fallback;
  watchStack(
    findStack(
      {
        postgres: port(config.DATABASE_URL, 5432),
        kafka: port(config.KAFKA_BROKERS.split(',')[0]!, 9092),
        elasticsearch: port(config.ELASTICSEARCH_URL, 9200),
      },
      new URL(config.DATABASE_URL).pathname.slice(1),
    ),
  );

  const s = options.sizes;
  const users = usersNeeded(options);
  progress(`setup: ${users.toLocaleString('en-US')} users in groups of 20, ${s.searchers} searchers …`);
  const population = await createPopulation(log, { users, searchers: s.searchers, groupsPerSearcher: s.groupsPerSearcher });
  if (wants('queries') || wants('rebuild')) {
    progress(`setup: appending ${s.messages.toLocaleString('en-US')} messages …`);
    await appendMessages(log, population.groups, s.messages, (n) => n % 100_000 === 0 && progress(`  ${n.toLocaleString('en-US')} messages appended`));
  }

  progress('starting the system under test …');
  const sut = await Sut.start(config, { logFile: join(resultsDir, `${stamp}-sut.log`) });
  cleanups.push(() => sut.stop());
  const b: Bench = { options, config, resultsDir, stamp, kafka, admin, log, pool, es, population, sut, rows: [], notes: [], cleanups };
  const built = await settle(b);
  b.notes.push(
    `Setup: the projections caught up with the setup events (${population.users.length.toLocaleString('en-US')} users, ${population.groups.length.toLocaleString('en-US')} groups${wants('queries') || wants('rebuild') ? `, ${s.messages.toLocaleString('en-US')} messages` : ''}) ${(built / 1000).toFixed(1)} s after /readyz.`,
  );

  for (const step of STEPS) {
    const selected = step.names.filter(wants);
    if (!selected.length) continue;
    const load = loadavg()[0]!;
    const began = Date.now();
    try {
      if (!sut.alive) throw new Error('the system under test is not running');
      b.rows.push(...(await step.run(b)));
      b.notes.push(
        `${selected.join(' + ')}: ${((Date.now() - began) / 1000).toFixed(0)} s; 1-minute load average ${load.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end.`,
      );
    } catch (err) {
      progress(`${selected.join('+')} failed: ${(err as Error).stack ?? err}`);
      for (const name of selected) b.rows.push(failedRow(name, err));
    }
  }

  const [pgVersion, esInfo] = await Promise.all([
    pool.query<{ v: string }>(`SELECT current_setting('server_version') AS v`).then((r) => r.rows[0]?.v),
    es.info().then((i) => i.version.number),
  ]);
  const machine = { ...describeMachine(), postgres: pgVersion ?? '?', elasticsearch: esInfo };
  const files = writeResults(resultsDir, stamp, {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    quick: options.quick,
    only: options.only,
    machine,
    sizes: s,
    notes: b.notes,
    rows: b.rows,
  });
  console.log(`\n${printTable(b.rows)}\n`);
  for (const n of b.notes) console.log(`- ${n}`);
  console.log(`\nresults: ${files.json}\nsummary: ${files.md}`);
}

main().then(
  () => shutdown(0),
  (err) => {
    progress(`failed: ${(err as Error).stack ?? err}`);
    return shutdown(1);
  },
);
