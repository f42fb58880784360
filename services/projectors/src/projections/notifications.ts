import type { EventOf } from '@groupchat/schemas';
import { defineProjection, ms, withRows, type Envelope, type PostgresContext } from '../framework';

/** A message older than this when its event is applied notifies nobody: a late push is noise. */
export const FRESH_MS = 15 * 60_000;

/**
 * The queue of messages the push sender (services/projectors/src/push) has yet to look at: one
 * row per message sent within the last FRESH_MS, written with the checkpoint, so each message
 * is queued once however often the projector restarts. The sender claims rows, works out who to
 * notify from the views at that moment (settings, mutes, mentions) and deletes them. A rebuild
 * queues only fresh messages again, and the sender's record of what it sent keeps those from
 * being pushed twice. Unlike other projections this one looks at the clock: it is an outbox,
 * not a read model.
 */
export const notifications = defineProjection({
  name: 'notifications',
  version: 1,
  storage: 'postgres',
  topics: ['messages'],
  tables: ['notification_queue'],
  async setup({ client, table }) {
    await client.query(`CREATE TABLE ${table('notification_queue')} (
      message_id text PRIMARY KEY, group_id text NOT NULL, partition int NOT NULL, "offset" bigint NOT NULL, sent_at timestamptz NOT NULL,
      claimed_until timestamptz)`);
    await client.query(`CREATE INDEX ON ${table('notification_queue')} (sent_at)`);
  },
  keys: () => undefined,
  batchHandlers: { MessageSent: (envelopes, ctx) => enqueue(envelopes, ctx) },
});

async function enqueue(envelopes: Envelope<EventOf<'MessageSent'>>[], ctx: PostgresContext) {
  const since = Date.now() - FRESH_MS;
  const fresh = envelopes.filter(({ event: e }) => e.occurredAt >= since);
  if (!fresh.length) return;
  await withRows(
    ctx,
    `INSERT INTO ${ctx.table('notification_queue')} (message_id, group_id, partition, "offset", sent_at)
     SELECT message_id, group_id, partition, "offset", ${ms('at')}
       FROM json_to_recordset($1::json) AS x(message_id text, group_id text, partition int, "offset" bigint, at bigint)
     ON CONFLICT (message_id) DO NOTHING`,
    fresh.map(({ event: e, partition, offset }) => ({ message_id: e.messageId, group_id: e.groupId, partition, offset, at: e.occurredAt })),
  );
  // Delivered at commit: the sender wakes at once instead of at its next poll.
  await ctx.client.query(`SELECT pg_notify('notification_queue', '')`);
}
