import { formatPosition, type Pool } from '@groupchat/shared';

/** Counts stop here, so one request stays cheap however far behind the reader is; the web shows "999+". */
export const UNREAD_CAP = 1000;

export interface UnreadItem {
  groupId: string;
  unread: number;
  mentions: number;
  /** The read marker, as the position token of the newest message read; null before the first move. */
  marker: string | null;
}

/**
 * Unread and mention counts of every conversation the caller can read, computed from the views
 * at read time, so they are exact by construction (docs/unread.md). Unread: top-level messages
 * after the marker, not deleted, not the caller's own; without a marker, those sent since the
 * caller joined. Mentions: those of them naming the caller, or @here/@everyone. Both count the
 * newest UNREAD_CAP unread messages at most, through the (group_id, "offset") index.
 */
export async function unreadOf(pool: Pool, userId: string, groupIds?: string[]): Promise<{ items: UnreadItem[] }> {
  const { rows } = await pool.query<{ group_id: string; partition: number | null; offset: string | null; unread: number; mentions: number }>(
    `SELECT m.group_id, rm.partition, rm."offset", c.unread, c.mentions
       FROM memberships m
       CROSS JOIN LATERAL group_access(m.group_id, $1) a
       LEFT JOIN read_markers rm ON rm.user_id = $1 AND rm.group_id = m.group_id
       CROSS JOIN LATERAL (
         SELECT count(*)::int AS unread, (count(*) FILTER (WHERE x.mentions ? $1 OR x.broadcast IS NOT NULL))::int AS mentions
           FROM (SELECT msg.mentions, msg.broadcast FROM messages msg
                  WHERE msg.group_id = m.group_id AND msg."offset" > coalesce(rm."offset", -1)
                    AND (rm."offset" IS NOT NULL OR msg.sent_at > m.joined_at)
                    AND msg.thread_id IS NULL AND NOT msg.deleted AND msg.sender_id <> $1
                  ORDER BY msg."offset" DESC
                  LIMIT $2) x
       ) c
      WHERE m.user_id = $1 AND a.can_read AND ($3::text[] IS NULL OR m.group_id = ANY($3))
      ORDER BY m.group_id`,
    [userId, UNREAD_CAP, groupIds ?? null],
  );
  return {
    items: rows.map((r) => ({
      groupId: r.group_id,
      unread: r.unread,
      mentions: r.mentions,
      marker: r.offset === null ? null : formatPosition({ topic: 'messages', partition: r.partition!, offset: BigInt(r.offset) }),
    })),
  };
}
