// Rebuild speed against a raw COPY of the same rows: `npx tsx services/projectors/test/support/bench-rebuild.ts [events] [projection]`.
// Prints one JSON line: the rebuild of the projection (beside the live build, until it is
// swapped in) and a COPY of its main table's rows into a table of the same shape and indexes.
import { pipeline } from 'node:stream/promises';
import { from, to } from 'pg-copy-streams';
import { EventLog, createKafka, createRuntime } from '@groupchat/shared';
import { createProjectors, physicalTable, projections, type PostgresProjection } from '../../src/index';
import { isolatedConfig, waitUntil } from '../../../../test/support/stack';
import { aggregateOf, sent } from './events';

const events = Number(process.argv[2] ?? 100_000);
const name = process.argv[3] ?? 'messages';
const projection = projections.find((p) => p.name === name) as PostgresProjection | undefined;
if (projection?.storage !== 'postgres') throw new Error(`${name} is not a Postgres projection`);

const config = isolatedConfig({ LOG_LEVEL: 'error' });
const log = await EventLog.connect(createKafka(config, 'bench'), config);
for (let i = 0; i < events; i += 5000) {
  const chunk = Array.from({ length: Math.min(5000, events - i) }, (_, j) => sent(`g-${(i + j) % 500}`, `m-${i + j}`, `u-${(i + j) % 97}`, `message number ${i + j} with a few words in it`));
  await log.appendMany(chunk.map((event) => ({ event, key: aggregateOf(event) })));
}
const rt = await createRuntime(config, 'bench');
const projectors = await createProjectors(rt, { projections: [projection] });
const caughtUp = async () => (await projectors.status(name)).every((b) => b.lag === 0);
await waitUntil(caughtUp, { timeoutMs: 600_000, intervalMs: 100 });

const started = Date.now();
const row = await projectors.rebuild(name);
await waitUntil(async () => (await projectors.status(name)).some((b) => b.generation === row.generation && b.status === 'live'), { timeoutMs: 600_000, intervalMs: 50 });
const rebuildMs = Date.now() - started;
await projectors.close();

const table = physicalTable(projection.tables[0]!, row);
const source = await rt.pool.connect();
const target = await rt.pool.connect();
await target.query(`CREATE TABLE copy_reference (LIKE ${table} INCLUDING ALL)`);
const copyStarted = Date.now();
await pipeline(source.query(to(`COPY ${table} TO STDOUT`)), target.query(from(`COPY copy_reference FROM STDIN`)));
const copyMs = Date.now() - copyStarted;
source.release();
target.release();
console.log(JSON.stringify({ projection: name, events, rebuildMs, copyMs, rebuildPerSecond: Math.round((events / rebuildMs) * 1000), copyPerSecond: Math.round((events / copyMs) * 1000), ratio: +(copyMs / rebuildMs).toFixed(2) }));
await log.close();
await rt.close();
