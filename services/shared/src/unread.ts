import type { Pool } from './db';
import { formatPosition } from './position';

/** Counts stop here, so one query stays cheap however far behind a reader is; the web shows "999+". */
export const UNREAD_CAP = 1000;

export interface UnreadCount {
  userId: string;
  groupId: string;
  unread: number;
  mentions: number;
  /** The read marker, as the position token of the newest message read; null before the first move. */
  marker: string | null;
  /** The conversation's newest message: where "mark all read" moves the marker. */
  latest: string | null;
}

/**
 * Unread and mention counts of the conversations the users can read, from the views at read
 * time, so they are exact by construction (docs/unread.md); query-api answers GET /me/unread
 * with them and realtime pushes their changes. Unread: top-level messages after the marker, not
 * deleted, not the user's own nor of someone they blocked; without a marker, those sent since the user joined. Mentions:
 * those of them naming the user, or @here/@everyone. Both count the newest UNREAD_CAP unread
 * messages at most, through the (group_id, "offset") index. `groupIds` narrows to those groups.
 */
export async function unreadCounts(pool: Pool, userIds: string[], groupIds?: string[]): Promise<UnreadCount[]> {
  if (!userIds.length) return [];
  const { rows } = await pool.query<{
    user_id: string;
    group_id: string;
    partition: number | null;
    offset: string | null;
    unread: number;
    mentions: number;
    latest_partition: number | null;
    latest_offset: string | null;
  }>(
    `SELECT m.user_id, m.group_id, rm.partition, rm."offset", c.unread, c.mentions, l.partition AS latest_partition, l."offset" AS latest_offset
       FROM memberships m
       CROSS JOIN LATERAL group_access(m.group_id, m.user_id) a
       LEFT JOIN read_markers rm ON rm.user_id = m.user_id AND rm.group_id = m.group_id
       CROSS JOIN LATERAL (
         SELECT count(*)::int AS unread, (count(*) FILTER (WHERE x.mentions ? m.user_id OR x.broadcast IS NOT NULL))::int AS mentions
           FROM (SELECT msg.mentions, msg.broadcast FROM messages msg
                  WHERE msg.group_id = m.group_id AND msg."offset" > coalesce(rm."offset", -1)
                    AND (rm."offset" IS NOT NULL OR msg.sent_at > m.joined_at)
                    AND msg.thread_id IS NULL AND NOT msg.deleted AND msg.sender_id <> m.user_id
                    AND NOT EXISTS (SELECT 1 FROM blocks bl WHERE bl.user_id = m.user_id AND bl.blocked_user_id = msg.sender_id)
                  ORDER BY msg."offset" DESC
                  LIMIT $2) x
       ) c
       LEFT JOIN LATERAL (SELECT partition, "offset" FROM messages WHERE group_id = m.group_id ORDER BY "offset" DESC LIMIT 1) l ON true
      WHERE m.user_id = ANY($1) AND a.can_read AND ($3::text[] IS NULL OR m.group_id = ANY($3))
      ORDER BY m.user_id, m.group_id`,
    [userIds, UNREAD_CAP, groupIds ?? null],
  );
  return rows.map((r) => ({
    userId: r.user_id,
    groupId: r.group_id,
    unread: r.unread,
    mentions: r.mentions,
    marker: messagePosition(r.partition, r.offset),
    latest: messagePosition(r.latest_partition, r.latest_offset),
  }));
}

export interface ThreadUnreadCount {
  userId: string;
  groupId: string;
  threadId: string;
  unread: number;
  /** The thread marker, as the position token of the newest message of the thread read; null before the first move. */
  marker: string | null;
}

/**
 * Unread counts of the threads the users follow in conversations they can read, from the views
 * at read time like `unreadCounts` (docs/unread.md). Unread: replies after the furthest of the
 * thread marker and the user's own newest reply in it (writing there reads it), not deleted,
 * not the user's own nor of someone they blocked; UNREAD_CAP at most per thread, through the
 * (thread_id, "offset") index. `groupIds` and `threadIds` narrow the threads.
 */
export async function threadUnreadCounts(
  pool: Pool,
  userIds: string[],
  narrow: { groupIds?: string[]; threadIds?: string[] } = {},
): Promise<ThreadUnreadCount[]> {
  if (!userIds.length) return [];
  const { rows } = await pool.query<{ user_id: string; group_id: string; thread_id: string; partition: number | null; offset: string | null; unread: number }>(
    `SELECT f.user_id, f.group_id, f.thread_id, tm.partition, tm."offset", c.unread
       FROM thread_follows f
       CROSS JOIN LATERAL group_access(f.group_id, f.user_id) a
       LEFT JOIN thread_read_markers tm ON tm.user_id = f.user_id AND tm.group_id = f.group_id AND tm.thread_id = f.thread_id
       CROSS JOIN LATERAL (
         SELECT greatest(tm."offset", (SELECT max(own."offset") FROM messages own WHERE own.thread_id = f.thread_id AND own.sender_id = f.user_id)) AS since
       ) b
       CROSS JOIN LATERAL (
         SELECT count(*)::int AS unread
           FROM (SELECT 1 FROM messages msg
                  WHERE msg.thread_id = f.thread_id AND msg."offset" > coalesce(b.since, -1)
                    AND NOT msg.deleted AND msg.sender_id <> f.user_id
                    AND NOT EXISTS (SELECT 1 FROM blocks bl WHERE bl.user_id = f.user_id AND bl.blocked_user_id = msg.sender_id)
                  ORDER BY msg."offset" DESC
                  LIMIT $2) x
       ) c
      WHERE f.user_id = ANY($1) AND f.following AND a.can_read
        AND ($3::text[] IS NULL OR f.group_id = ANY($3)) AND ($4::text[] IS NULL OR f.thread_id = ANY($4))
      ORDER BY f.user_id, f.thread_id`,
    [userIds, UNREAD_CAP, narrow.groupIds ?? null, narrow.threadIds ?? null],
  );
  return rows.map((r) => ({
    userId: r.user_id,
    groupId: r.group_id,
    threadId: r.thread_id,
    unread: r.unread,
    marker: messagePosition(r.partition, r.offset),
  }));
}

const messagePosition = (partition: number | null, offset: string | null) =>
  partition === null || offset === null ? null : formatPosition({ topic: 'messages', partition, offset: BigInt(offset) });
