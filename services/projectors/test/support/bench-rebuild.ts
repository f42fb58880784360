// Rebuild speed against a raw COPY of the same rows: `npx tsx services/projectors/test/support/bench-rebuild.ts [events] [projection,…]`.
// Prints one JSON line: the rebuild of the projections together (beside the live builds, until
// swapped in) and a COPY of their main tables' rows into tables of the same shape and indexes.
import { pipeline } from 'node:stream/promises';
import { from, to } from 'pg-copy-streams';
import { EventLog, createKafka, createRuntime } from '@groupchat/shared';
import { createProjectors, physicalTable, projections, type BuildRow } from '../../src/index';
import { isolatedConfig, waitUntil } from '@groupchat/test-kit';
import { aggregateOf, sent } from './events';

const events = Number(process.argv[2] ?? 100_000);
const names = (process.argv[3] ?? 'messages').split(',');
const chosen = names.map((name) => {
  const projection = projections.find((p) => p.name === name);
  if (projection?.storage !== 'postgres') throw new Error(`${name} is not a Postgres projection`);
  return projection;
});
const name = names.join('+');

const config = isolatedConfig({ LOG_LEVEL: 'error' });
const log = await EventLog.connect(createKafka(config, 'bench'), config);
for (let i = 0; i < events; i += 5000) {
  const chunk = Array.from({ length: Math.min(5000, events - i) }, (_, j) =>
    sent(`g-${(i + j) % 500}`, `m-${i + j}`, `u-${(i + j) % 97}`, `message number ${i + j} with a few words in it`),
  );
  await log.appendMany(chunk.map((event) => ({ event, key: aggregateOf(event) })));
}
const rt = await createRuntime(config, 'bench');
const projectors = await createProjectors(rt, { projections: chosen });
const caughtUp = async () => (await projectors.status()).every((b) => b.lag === 0);
await waitUntil(caughtUp, { timeoutMs: 600_000, intervalMs: 100 });

const started = Date.now();
const cpu = process.cpuUsage();
const rows: BuildRow[] = [];
for (const p of chosen) rows.push(await projectors.rebuild(p.name));
await waitUntil(
  async () => (await projectors.status()).filter((b) => b.status === 'live').every((b) => rows.some((r) => r.name === b.name && r.generation === b.generation)),
  { timeoutMs: 600_000, intervalMs: 50 },
);
const rebuildMs = Date.now() - started;
const { user, system } = process.cpuUsage(cpu);
await projectors.close();

const source = await rt.pool.connect();
const target = await rt.pool.connect();
let copyMs = 0;
for (const [i, p] of chosen.entries()) {
  const table = physicalTable(p.tables[0]!, rows[i]!);
  await target.query(`CREATE TABLE copy_reference_${i} (LIKE ${table} INCLUDING ALL)`);
  const copyStarted = Date.now();
  await pipeline(source.query(to(`COPY ${table} TO STDOUT`)), target.query(from(`COPY copy_reference_${i} FROM STDIN`)));
  copyMs += Date.now() - copyStarted;
}
source.release();
target.release();
console.log(
  JSON.stringify({
    projection: name,
    events,
    rebuildMs,
    projectorCpuMs: Math.round((user + system) / 1000),
    copyMs,
    rebuildPerSecond: Math.round((events / rebuildMs) * 1000),
    copyPerSecond: Math.round((events / copyMs) * 1000),
    ratio: +(copyMs / rebuildMs).toFixed(2),
  }),
);
await log.close();
await rt.close();
