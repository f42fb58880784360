import type { PostgresContext } from '../framework';

/**
 * Threads inside the messages projection: a root's reply count and last reply, and who
 * follows it. Both are derived from rows, never counted up event by event, so a repeated
 * event or any order of statements within a batch ends in the same state.
 *
 * Following: a member who wrote the root or a reply takes part (`thread_participants`, the
 * offset of their last reply); an explicit follow or unfollow (`thread_choices`) holds until
 * a later reply of theirs. Offsets compare within one partition: a thread and its follow
 * events share their group's key.
 */
export async function setupThreads({ client, table }: Pick<PostgresContext, 'client' | 'table'>): Promise<void> {
  await client.query(`CREATE INDEX ON ${table('messages')} (thread_id, "offset") WHERE thread_id IS NOT NULL`);
  await client.query(`CREATE TABLE ${table('thread_participants')} (
    thread_id text NOT NULL, user_id text NOT NULL, group_id text NOT NULL, last_offset bigint NOT NULL, PRIMARY KEY (thread_id, user_id))`);
  await client.query(`CREATE TABLE ${table('thread_choices')} (
    thread_id text NOT NULL, user_id text NOT NULL, group_id text NOT NULL, following boolean NOT NULL, "offset" bigint NOT NULL,
    PRIMARY KEY (thread_id, user_id))`);
  await client.query(`CREATE INDEX ON ${table('thread_participants')} (user_id)`);
  await client.query(`CREATE INDEX ON ${table('thread_choices')} (user_id)`);
}

/** Who follows which thread: the later of their last reply (following) and their explicit choice. */
export const threadFollowsView = (t: (name: string) => string) =>
  `SELECT coalesce(p.thread_id, c.thread_id) AS thread_id, coalesce(p.user_id, c.user_id) AS user_id, coalesce(p.group_id, c.group_id) AS group_id,
          CASE WHEN c."offset" IS NOT NULL AND c."offset" > coalesce(p.last_offset, -1) THEN c.following ELSE true END AS following
     FROM ${t('thread_participants')} p FULL JOIN ${t('thread_choices')} c ON c.thread_id = p.thread_id AND c.user_id = p.user_id`;

/** After replies were stored or deleted: recount their threads, and record who took part. */
export async function afterReplies(ctx: Pick<PostgresContext, 'client' | 'table'>, messageIds: string[]): Promise<void> {
  if (!messageIds.length) return;
  const messages = ctx.table('messages');
  await ctx.client.query(
    `WITH threads AS (SELECT DISTINCT thread_id FROM ${messages} WHERE message_id = ANY($1) AND thread_id IS NOT NULL)
     UPDATE ${messages} r SET reply_count = s.n, last_reply_at = s.last
       FROM (SELECT t.thread_id, count(c.message_id)::int AS n, max(c.sent_at) AS last
               FROM threads t LEFT JOIN ${messages} c ON c.thread_id = t.thread_id AND NOT c.deleted GROUP BY t.thread_id) s
      WHERE r.message_id = s.thread_id`,
    [messageIds],
  );
  await ctx.client.query(
    `INSERT INTO ${ctx.table('thread_participants')} (thread_id, user_id, group_id, last_offset)
     SELECT thread_id, user_id, group_id, max(at) FROM (
       SELECT m.thread_id, m.sender_id AS user_id, m.group_id, m."offset" AS at FROM ${messages} m WHERE m.message_id = ANY($1) AND m.thread_id IS NOT NULL
       UNION ALL
       SELECT m.thread_id, r.sender_id, m.group_id, r."offset" FROM ${messages} m JOIN ${messages} r ON r.message_id = m.thread_id
        WHERE m.message_id = ANY($1) AND m.thread_id IS NOT NULL) x
     GROUP BY thread_id, user_id, group_id
     ON CONFLICT (thread_id, user_id) DO UPDATE SET last_offset = greatest(${ctx.table('thread_participants')}.last_offset, EXCLUDED.last_offset)`,
    [messageIds],
  );
}
