import { performance } from 'node:perf_hooks';
import { EventLog, createKafka, createRuntime } from '@groupchat/shared';
import { createProjectors, projections } from '../../src/index';
import { isolatedConfig, waitUntil } from '../../../../test/support/stack';
import { aggregateOf, sent } from './events';

const n = Number(process.argv[2] ?? 100_000);
const which = (process.argv[3] ?? 'messages').split(',');
const config = isolatedConfig({ LOG_LEVEL: 'warn' });
const kafka = createKafka(config, 'bench');
const log = await EventLog.connect(kafka, config);
let t = performance.now();
for (let i = 0; i < n; i += 5000) {
  const events = Array.from({ length: Math.min(5000, n - i) }, (_, j) => sent(`g-${(i + j) % 500}`, `m-${i + j}`, `u-${(i + j) % 97}`, `message number ${i + j} with some words in it`));
  await log.appendMany(events.map((event) => ({ event, key: aggregateOf(event) })));
}
console.log(`appended ${n} in ${(performance.now() - t).toFixed(0)} ms`);
const rt = await createRuntime(config, 'bench');
t = performance.now();
const p = await createProjectors(rt, { projections: projections.filter((x) => which.includes(x.name)) });
console.log(`started in ${(performance.now() - t).toFixed(0)} ms`);
await waitUntil(async () => (await p.status()).every((b) => b.lag === 0), { timeoutMs: 600_000, intervalMs: 100 });
const projected = performance.now() - t;
console.log(`projected ${which} in ${projected.toFixed(0)} ms (${((n / projected) * 1000).toFixed(0)} events/s)`);
await p.close();
// The reference: the same rows COPY'd into a table of the same shape.
const { rows } = await rt.pool.query(`SELECT count(*)::int AS n FROM messages`);
console.log('rows', rows[0]);
const client = await rt.pool.connect();
await client.query(`CREATE TABLE copy_ref (LIKE messages_v1 INCLUDING ALL)`);
const { from } = await import('pg-copy-streams');
t = performance.now();
const dump = client.query(from(`COPY copy_ref FROM STDIN`));
const csv = (await rt.pool.query(`SELECT * FROM messages_v1`)).rows;
const t2 = performance.now();
for (const r of csv) dump.write([r.message_id, r.group_id, r.sender_id, r.client_message_id, r.text, JSON.stringify(r.attachments), r.sent_at.toISOString(), '\\N', 'f', r.partition, r.offset].join('\t') + '\n');
await new Promise((res, rej) => dump.end(res).on('error', rej));
const copyMs = performance.now() - t2;
console.log(`COPY of ${csv.length} rows in ${copyMs.toFixed(0)} ms (${((csv.length / copyMs) * 1000).toFixed(0)} rows/s); ratio ${(copyMs / projected * 100).toFixed(0)}%`);
client.release();
await log.close();
await rt.close();
