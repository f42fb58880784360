import type { EventOf } from '@groupchat/schemas';
import { defineProjection, ms, withRows, type Envelope, type PostgresContext } from '../framework';

/**
 * Pinned messages per group. A pin or unpin is the last word on its message by offset, so
 * statements commute and a repeated event changes nothing; readers join the messages view
 * and leave out deleted messages.
 */
export const pins = defineProjection({
  name: 'pins',
  version: 1,
  storage: 'postgres',
  topics: ['messages'],
  tables: ['pins'],
  views: { pins: (t) => `SELECT group_id, message_id, pinned_by, pinned_at FROM ${t('pins')} WHERE pinned` },
  async setup({ client, table }) {
    await client.query(`CREATE TABLE ${table('pins')} (
      group_id text NOT NULL, message_id text NOT NULL, pinned boolean NOT NULL, pinned_by text, pinned_at timestamptz NOT NULL, "offset" bigint NOT NULL,
      PRIMARY KEY (group_id, message_id))`);
  },
  // Two changes of one pin never share a statement (one upsert cannot touch a row twice).
  keys: ({ event: e }) => [(e as EventOf<'MessagePinned'>).messageId],
  batchHandlers: {
    MessagePinned: (envelopes, ctx) => pin(envelopes, ctx, true),
    MessageUnpinned: (envelopes, ctx) => pin(envelopes, ctx, false),
  },
});

function pin(envelopes: Envelope<EventOf<'MessagePinned' | 'MessageUnpinned'>>[], ctx: PostgresContext, pinned: boolean) {
  const table = ctx.table('pins');
  return withRows(
    ctx,
    `INSERT INTO ${table} AS p (group_id, message_id, pinned, pinned_by, pinned_at, "offset")
     SELECT group_id, message_id, pinned, actor_id, ${ms('at')}, "offset"
       FROM json_to_recordset($1::json) AS x(group_id text, message_id text, pinned boolean, actor_id text, at bigint, "offset" bigint)
     ON CONFLICT (group_id, message_id) DO UPDATE
       SET pinned = EXCLUDED.pinned, pinned_by = EXCLUDED.pinned_by, pinned_at = EXCLUDED.pinned_at, "offset" = EXCLUDED."offset"
     WHERE p."offset" < EXCLUDED."offset"`,
    envelopes.map(({ event: e, offset }) => ({ group_id: e.groupId, message_id: e.messageId, pinned, actor_id: e.actorId, at: e.occurredAt, offset })),
  );
}
