import type { EventOf } from '@groupchat/schemas';
import { defineProjection, ms, withRows } from '../framework';

/**
 * Who has blocked whom (docs/moderation.md). One user's blocks share the users-topic partition
 * and key, so a block and its lifting apply in log order; a repeated block keeps the first.
 */
export const blocks = defineProjection({
  name: 'blocks',
  version: 1,
  storage: 'postgres',
  topics: ['users'],
  tables: ['blocks'],
  async setup({ client, table }) {
    await client.query(`CREATE TABLE ${table('blocks')} (
      user_id text NOT NULL, blocked_user_id text NOT NULL, blocked_at timestamptz NOT NULL, PRIMARY KEY (user_id, blocked_user_id))`);
    await client.query(`CREATE INDEX ON ${table('blocks')} (blocked_user_id)`);
  },
  keys: ({ event }) => {
    const e = event as EventOf<'UserBlocked'>;
    return [`${e.userId}/${e.blockedUserId}`];
  },
  batchHandlers: {
    UserBlocked: (envelopes, ctx) =>
      withRows(
        ctx,
        `INSERT INTO ${ctx.table('blocks')} (user_id, blocked_user_id, blocked_at)
         SELECT user_id, blocked_user_id, ${ms('at')} FROM json_to_recordset($1::json) AS x(user_id text, blocked_user_id text, at bigint)
         ON CONFLICT DO NOTHING`,
        envelopes.map(({ event: e }) => ({ user_id: e.userId, blocked_user_id: e.blockedUserId, at: e.occurredAt })),
      ),
    UserUnblocked: (envelopes, ctx) =>
      withRows(
        ctx,
        `DELETE FROM ${ctx.table('blocks')} b USING json_to_recordset($1::json) AS x(user_id text, blocked_user_id text)
          WHERE b.user_id = x.user_id AND b.blocked_user_id = x.blocked_user_id`,
        envelopes.map(({ event: e }) => ({ user_id: e.userId, blocked_user_id: e.blockedUserId })),
      ),
  },
});
