import { copyRows, defineProjection, ms, withRows } from '../framework';

/**
 * Message history per group in log order (`offset`), with edits, deletions (the row stays,
 * its content goes) and reactions. A repeated MessageSent (same message id or client message
 * id) keeps the first.
 */
export const messages = defineProjection({
  name: 'messages',
  // v2: the index that finds the messages carrying an upload (media access checks).
  version: 2,
  storage: 'postgres',
  topics: ['messages'],
  tables: ['messages', 'reactions'],
  async setup({ client, table }) {
    await client.query(`CREATE TABLE ${table('messages')} (
      message_id text PRIMARY KEY,
      group_id text NOT NULL,
      sender_id text NOT NULL,
      client_message_id text NOT NULL,
      text text,
      attachments jsonb NOT NULL DEFAULT '[]',
      sent_at timestamptz NOT NULL,
      edited_at timestamptz,
      deleted boolean NOT NULL DEFAULT false,
      partition int NOT NULL,
      "offset" bigint NOT NULL,
      UNIQUE (group_id, "offset"),
      UNIQUE (group_id, sender_id, client_message_id))`);
    await client.query(`CREATE TABLE ${table('reactions')} (
      message_id text NOT NULL,
      user_id text NOT NULL,
      emoji text NOT NULL,
      group_id text NOT NULL,
      reacted_at timestamptz NOT NULL,
      PRIMARY KEY (message_id, user_id, emoji))`);
    // Who may see an upload is decided by the messages carrying it; only those with attachments are indexed.
    await client.query(`CREATE INDEX ON ${table('messages')} USING gin (attachments jsonb_path_ops) WHERE attachments <> '[]'::jsonb`);
  },
  // Reactions touch only their own row, so they commute with everything but the same reaction.
  keys: ({ event: e }) => ('emoji' in e ? [`${e.messageId}/${e.userId}/${e.emoji}`] : [(e as { messageId: string }).messageId]),
  batchHandlers: {
    MessageSent: (envelopes, ctx) =>
      copyRows(
        ctx,
        ctx.table('messages'),
        {
          message_id: 'text',
          group_id: 'text',
          sender_id: 'text',
          client_message_id: 'text',
          text: 'text',
          attachments: 'jsonb',
          sent_at: 'timestamptz',
          partition: 'int4',
          offset: 'int8',
        },
        envelopes.map(({ event: e, partition, offset }) => [
          e.messageId,
          e.groupId,
          e.senderId,
          e.clientMessageId,
          e.text,
          e.attachments,
          new Date(e.occurredAt),
          partition,
          offset,
        ]),
        () =>
          withRows(
            ctx,
            `INSERT INTO ${ctx.table('messages')} (message_id, group_id, sender_id, client_message_id, text, attachments, sent_at, partition, "offset")
             SELECT message_id, group_id, sender_id, client_message_id, text, attachments, ${ms('at')}, partition, "offset"
               FROM json_to_recordset($1::json)
                 AS x(message_id text, group_id text, sender_id text, client_message_id text, text text, attachments jsonb, at bigint, partition int, "offset" bigint)
             ON CONFLICT DO NOTHING`,
            envelopes.map(({ event: e, partition, offset }) => ({
              message_id: e.messageId,
              group_id: e.groupId,
              sender_id: e.senderId,
              client_message_id: e.clientMessageId,
              text: e.text,
              attachments: e.attachments,
              at: e.occurredAt,
              partition,
              offset,
            })),
          ),
      ),
    MessageEdited: (envelopes, ctx) =>
      withRows(
        ctx,
        `UPDATE ${ctx.table('messages')} m SET text = x.text, edited_at = ${ms('x.at')}
           FROM json_to_recordset($1::json) AS x(message_id text, text text, at bigint)
          WHERE m.message_id = x.message_id AND NOT m.deleted`,
        envelopes.map(({ event: e }) => ({ message_id: e.messageId, text: e.text, at: e.occurredAt })),
      ),
    MessageDeleted: (envelopes, ctx) =>
      withRows(
        ctx,
        `UPDATE ${ctx.table('messages')} m SET deleted = true, text = NULL, attachments = '[]'::jsonb
           FROM json_to_recordset($1::json) AS x(message_id text) WHERE m.message_id = x.message_id`,
        envelopes.map(({ event: e }) => ({ message_id: e.messageId })),
      ),
    ReactionAdded: (envelopes, ctx) =>
      withRows(
        ctx,
        `INSERT INTO ${ctx.table('reactions')} (message_id, user_id, emoji, group_id, reacted_at)
         SELECT message_id, user_id, emoji, group_id, ${ms('at')}
           FROM json_to_recordset($1::json) AS x(message_id text, user_id text, emoji text, group_id text, at bigint)
         ON CONFLICT DO NOTHING`,
        envelopes.map(({ event: e }) => ({ message_id: e.messageId, user_id: e.userId, emoji: e.emoji, group_id: e.groupId, at: e.occurredAt })),
      ),
    ReactionRemoved: (envelopes, ctx) =>
      withRows(
        ctx,
        `DELETE FROM ${ctx.table('reactions')} r USING json_to_recordset($1::json) AS x(message_id text, user_id text, emoji text)
          WHERE r.message_id = x.message_id AND r.user_id = x.user_id AND r.emoji = x.emoji`,
        envelopes.map(({ event: e }) => ({ message_id: e.messageId, user_id: e.userId, emoji: e.emoji })),
      ),
  },
});
