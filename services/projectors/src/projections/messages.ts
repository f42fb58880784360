import type { EventOf } from '@groupchat/schemas';
import { RESTORE_WINDOW_MS } from '@groupchat/shared';
import { copyRows, defineProjection, ms, withRows, type Envelope, type PostgresContext } from '../framework';
import { afterReplies, setupThreads, threadFollowsView } from './message-threads';

/**
 * Message history per group in log order (`offset`), with edits, deletions (the row stays,
 * its content goes), reactions, replies and threads (message-threads.ts). A repeated
 * MessageSent (same message id or client message id) keeps the first.
 *
 * A message removed by someone other than its sender (a moderator) keeps its content for a day
 * in `removed_messages`, which no reader serves: the command API reads it to undo the removal
 * (MessageRestored, which carries the content back). Rows older than a day, by the time of the
 * newest removal, are dropped; a removal by the sender keeps nothing.
 */
export const messages = defineProjection({
  name: 'messages',
  // v2: the index that finds the messages carrying an upload (media access checks).
  // v3: replies, threads and who follows them, mentions, @here/@everyone, the previewed link.
  // v4: removed_messages, the content of a moderator's removal for a day (undo).
  version: 4,
  storage: 'postgres',
  topics: ['messages'],
  tables: ['messages', 'reactions', 'thread_participants', 'thread_choices', 'removed_messages'],
  views: {
    messages: (t) => `SELECT * FROM ${t('messages')}`,
    removed_messages: (t) => `SELECT * FROM ${t('removed_messages')}`,
    reactions: (t) => `SELECT * FROM ${t('reactions')}`,
    thread_follows: threadFollowsView,
  },
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
      reply_to text,
      thread_id text,
      mentions jsonb NOT NULL DEFAULT '[]',
      broadcast text,
      link_preview text,
      reply_count int NOT NULL DEFAULT 0,
      last_reply_at timestamptz,
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
    await client.query(`CREATE TABLE ${table('removed_messages')} (
      message_id text PRIMARY KEY,
      group_id text NOT NULL,
      sender_id text NOT NULL,
      removed_by text NOT NULL,
      removed_at timestamptz NOT NULL,
      text text,
      attachments jsonb NOT NULL,
      sent_at timestamptz NOT NULL,
      reply_to text,
      thread_id text,
      mentions jsonb NOT NULL,
      broadcast text,
      link_preview text)`);
    await client.query(`CREATE INDEX ON ${table('removed_messages')} (removed_at)`);
    await setupThreads({ client, table });
  },
  // Reactions touch only their own row, so they commute with everything but the same reaction.
  keys: ({ event: e }) => {
    if ('emoji' in e) return [`${e.messageId}/${e.userId}/${e.emoji}`];
    if (e.type === 'ThreadFollowed' || e.type === 'ThreadUnfollowed') return [`${e.threadId}/${e.userId}`];
    return [(e as { messageId: string }).messageId];
  },
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
          reply_to: 'text',
          thread_id: 'text',
          mentions: 'jsonb',
          broadcast: 'text',
          link_preview: 'text',
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
          e.replyTo,
          e.threadId,
          e.mentions,
          e.broadcast,
          e.linkPreview,
          partition,
          offset,
        ]),
        () =>
          withRows(
            ctx,
            `INSERT INTO ${ctx.table('messages')}
                    (message_id, group_id, sender_id, client_message_id, text, attachments, sent_at, reply_to, thread_id, mentions, broadcast, link_preview, partition, "offset")
             SELECT message_id, group_id, sender_id, client_message_id, text, attachments, ${ms('at')}, reply_to, thread_id, mentions, broadcast, link_preview, partition, "offset"
               FROM json_to_recordset($1::json)
                 AS x(message_id text, group_id text, sender_id text, client_message_id text, text text, attachments jsonb, at bigint,
                      reply_to text, thread_id text, mentions jsonb, broadcast text, link_preview text, partition int, "offset" bigint)
             ON CONFLICT DO NOTHING`,
            envelopes.map(({ event: e, partition, offset }) => ({
              message_id: e.messageId,
              group_id: e.groupId,
              sender_id: e.senderId,
              client_message_id: e.clientMessageId,
              text: e.text,
              attachments: e.attachments,
              at: e.occurredAt,
              reply_to: e.replyTo,
              thread_id: e.threadId,
              mentions: e.mentions,
              broadcast: e.broadcast,
              link_preview: e.linkPreview,
              partition,
              offset,
            })),
          ),
      ).then(() =>
        afterReplies(
          ctx,
          envelopes.flatMap(({ event: e }) => (e.threadId ? [e.messageId] : [])),
        ),
      ),
    MessageEdited: (envelopes, ctx) =>
      withRows(
        ctx,
        `UPDATE ${ctx.table('messages')} m
            SET text = x.text, edited_at = ${ms('x.at')}, mentions = x.mentions, broadcast = x.broadcast, link_preview = x.link_preview
           FROM json_to_recordset($1::json) AS x(message_id text, text text, at bigint, mentions jsonb, broadcast text, link_preview text)
          WHERE m.message_id = x.message_id AND NOT m.deleted`,
        envelopes.map(({ event: e }) => ({
          message_id: e.messageId,
          text: e.text,
          at: e.occurredAt,
          mentions: e.mentions,
          broadcast: e.broadcast,
          link_preview: e.linkPreview,
        })),
      ),
    MessageDeleted: async (envelopes, ctx) => {
      await keepRemoved(envelopes, ctx);
      await withRows(
        ctx,
        `UPDATE ${ctx.table('messages')} m SET deleted = true, text = NULL, attachments = '[]'::jsonb, mentions = '[]'::jsonb, broadcast = NULL, link_preview = NULL
           FROM json_to_recordset($1::json) AS x(message_id text) WHERE m.message_id = x.message_id`,
        envelopes.map(({ event: e }) => ({ message_id: e.messageId })),
      );
      await afterReplies(
        ctx,
        envelopes.map(({ event: e }) => e.messageId),
      );
    },
    MessageRestored: async (envelopes, ctx) => {
      const rows = envelopes.map(({ event: e }) => ({
        message_id: e.messageId,
        text: e.text,
        attachments: e.attachments,
        mentions: e.mentions,
        broadcast: e.broadcast,
        link_preview: e.linkPreview,
      }));
      await withRows(
        ctx,
        `UPDATE ${ctx.table('messages')} m
            SET deleted = false, text = x.text, attachments = x.attachments, mentions = x.mentions, broadcast = x.broadcast, link_preview = x.link_preview
           FROM json_to_recordset($1::json) AS x(message_id text, text text, attachments jsonb, mentions jsonb, broadcast text, link_preview text)
          WHERE m.message_id = x.message_id AND m.deleted`,
        rows,
      );
      await withRows(
        ctx,
        `DELETE FROM ${ctx.table('removed_messages')} r USING json_to_recordset($1::json) AS x(message_id text) WHERE r.message_id = x.message_id`,
        rows,
      );
      await afterReplies(
        ctx,
        envelopes.map(({ event: e }) => e.messageId),
      );
    },
    LinkPreviewRemoved: (envelopes, ctx) =>
      withRows(
        ctx,
        `UPDATE ${ctx.table('messages')} m SET link_preview = NULL FROM json_to_recordset($1::json) AS x(message_id text) WHERE m.message_id = x.message_id`,
        envelopes.map(({ event: e }) => ({ message_id: e.messageId })),
      ),
    ThreadFollowed: (envelopes, ctx) => threadChoice(envelopes, ctx, true),
    ThreadUnfollowed: (envelopes, ctx) => threadChoice(envelopes, ctx, false),
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

/** The last explicit choice wins, by offset, whatever order the statements run in. */
/** Before a removal by someone other than the sender empties the row: keep its content for the undo window. */
async function keepRemoved(envelopes: Envelope<EventOf<'MessageDeleted'>>[], ctx: PostgresContext): Promise<void> {
  const removed = ctx.table('removed_messages');
  await withRows(
    ctx,
    `INSERT INTO ${removed} (message_id, group_id, sender_id, removed_by, removed_at, text, attachments, sent_at, reply_to, thread_id, mentions, broadcast, link_preview)
     SELECT m.message_id, m.group_id, m.sender_id, x.actor_id, ${ms('x.at')}, m.text, m.attachments, m.sent_at, m.reply_to, m.thread_id, m.mentions, m.broadcast, m.link_preview
       FROM ${ctx.table('messages')} m JOIN json_to_recordset($1::json) AS x(message_id text, actor_id text, at bigint) ON m.message_id = x.message_id
      WHERE NOT m.deleted AND x.actor_id IS NOT NULL AND x.actor_id <> m.sender_id
     ON CONFLICT (message_id) DO NOTHING`,
    envelopes.map(({ event: e }) => ({ message_id: e.messageId, actor_id: e.actorId, at: e.occurredAt })),
  );
  const newest = Math.max(...envelopes.map(({ event: e }) => e.occurredAt));
  await ctx.client.query(`DELETE FROM ${removed} WHERE removed_at < ${ms('$1::bigint')}`, [newest - RESTORE_WINDOW_MS]);
}

function threadChoice(envelopes: Envelope<EventOf<'ThreadFollowed' | 'ThreadUnfollowed'>>[], ctx: PostgresContext, following: boolean) {
  return withRows(
    ctx,
    `INSERT INTO ${ctx.table('thread_choices')} AS c (thread_id, user_id, group_id, following, "offset")
     SELECT thread_id, user_id, group_id, following, "offset"
       FROM json_to_recordset($1::json) AS x(thread_id text, user_id text, group_id text, following boolean, "offset" bigint)
     ON CONFLICT (thread_id, user_id) DO UPDATE SET following = EXCLUDED.following, "offset" = EXCLUDED."offset" WHERE c."offset" < EXCLUDED."offset"`,
    envelopes.map(({ event: e, offset }) => ({ thread_id: e.threadId, user_id: e.userId, group_id: e.groupId, following, offset })),
  );
}
