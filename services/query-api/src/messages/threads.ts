import { notFound, parsePosition, retainedSql, threadUnreadCounts, type Pool } from '@groupchat/shared';
import { historyOf, type HistoryPage, type HistoryParams } from './history';
import { MESSAGE_COLUMNS, MESSAGE_JOINS, toMessage, type MessageItem, type MessageRow } from './message-row';

/** One message of a group the caller may read, or null (an unknown and a hidden one alike). */
export async function messageOf(pool: Pool, groupId: string, callerId: string, messageId: string): Promise<MessageItem | null> {
  const { rows } = await pool.query<MessageRow>(
    `SELECT ${MESSAGE_COLUMNS} FROM messages p ${MESSAGE_JOINS}
      WHERE p.message_id = $3 AND p.group_id = $1 AND ${retainedSql('p')} AND EXISTS (SELECT 1 FROM group_access($1, $2) a WHERE a.can_read)`,
    [groupId, callerId, messageId],
  );
  return rows[0] ? toMessage(rows[0]) : null;
}

/** A thread: its root, a page of its replies (paged like history) and whether the caller follows it. */
export async function threadOf(pool: Pool, groupId: string, callerId: string, rootId: string, p: Omit<HistoryParams, 'threadId'>) {
  const [root, following] = await Promise.all([
    messageOf(pool, groupId, callerId, rootId),
    pool.query<{ following: boolean }>('SELECT following FROM thread_follows WHERE thread_id = $1 AND user_id = $2', [rootId, callerId]),
  ]);
  if (!root || root.threadId !== null) throw notFound('thread');
  const page = await historyOf(pool, groupId, callerId, { ...p, threadId: rootId });
  return { root, following: following.rows[0]?.following ?? false, ...page };
}

/**
 * History around one message, for a permalink: up to `limit` top-level messages, half of them
 * up to and including the anchor (a reply's anchor is its thread's root), the rest after it.
 */
export async function aroundOf(pool: Pool, groupId: string, callerId: string, messageId: string, limit: number) {
  const target = await messageOf(pool, groupId, callerId, messageId);
  if (!target) throw notFound('message');
  const anchor = target.threadId === null ? target : await messageOf(pool, groupId, callerId, target.threadId);
  if (!anchor) throw notFound('message');
  const offset = parsePosition(anchor.position).offset;
  const after = Math.floor(limit / 2);
  const [older, newer] = await Promise.all([
    historyOf(pool, groupId, callerId, { before: offset + 1n, limit: limit - after }),
    after ? historyOf(pool, groupId, callerId, { after: offset, limit: after }) : { items: [], hasMore: true },
  ]);
  const items = [...older.items, ...newer.items];
  const page: HistoryPage & { hasMoreAfter: boolean; anchor: { messageId: string; threadId: string | null } } = {
    items,
    hasMore: older.hasMore,
    hasMoreAfter: newer.hasMore,
    anchor: { messageId: target.id, threadId: target.threadId },
    ...(items.length ? { nextBefore: items[0]!.position, nextAfter: items[items.length - 1]!.position } : {}),
  };
  return page;
}

/** The threads the caller follows in groups they may read, most recent reply first, each with its unread count and the caller's marker in it. */
export async function followedThreads(pool: Pool, callerId: string, limit: number) {
  const { rows } = await pool.query<MessageRow>(
    `WITH page AS (
       SELECT m.* FROM thread_follows f
         JOIN messages m ON m.message_id = f.thread_id
         JOIN LATERAL group_access(m.group_id, $2) a ON a.can_read
        WHERE f.user_id = $2 AND f.following AND ${retainedSql('m')}
        ORDER BY m.last_reply_at DESC NULLS LAST, m.message_id
        LIMIT $1
     )
     SELECT ${MESSAGE_COLUMNS} FROM page p ${MESSAGE_JOINS} ORDER BY p.last_reply_at DESC NULLS LAST, p.message_id`,
    [limit, callerId],
  );
  const items = rows.map(toMessage);
  const counts = new Map((await threadUnreadCounts(pool, [callerId], { threadIds: items.map((m) => m.id) })).map((c) => [c.threadId, c]));
  return { items: items.map((m) => ({ ...m, unread: counts.get(m.id)?.unread ?? 0, marker: counts.get(m.id)?.marker ?? null })) };
}

/** The pinned messages of a group the caller may read, newest pin first (at most 100). */
export async function pinsOf(pool: Pool, groupId: string, callerId: string) {
  const { rows } = await pool.query<MessageRow & { grp: string; pinned_by: string | null; pinned_at: Date | null }>(
    `WITH grp AS (
       SELECT a.group_id FROM group_access($1, $2) a WHERE a.can_read
     ), page AS (
       SELECT m.*, pn.pinned_by, pn.pinned_at FROM pins pn JOIN messages m ON m.message_id = pn.message_id AND NOT m.deleted
        WHERE pn.group_id = $1 AND EXISTS (SELECT 1 FROM grp) AND ${retainedSql('m')}
        ORDER BY pn.pinned_at DESC LIMIT 100
     )
     SELECT grp.group_id AS grp, ${MESSAGE_COLUMNS}, p.pinned_by, p.pinned_at FROM grp LEFT JOIN page p ON true ${MESSAGE_JOINS}
      ORDER BY p.pinned_at DESC`,
    [groupId, callerId],
  );
  if (!rows.length) throw notFound('group');
  return {
    items: rows.filter((r) => r.message_id !== null).map((r) => ({ ...toMessage(r), pinnedBy: r.pinned_by, pinnedAt: r.pinned_at!.toISOString() })),
  };
}
