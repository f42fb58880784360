import { formatPosition, notFound, type Pool } from '@groupchat/shared';

export interface HistoryParams {
  /** Offsets (within the group's partition) from the `after` / `before` position tokens. */
  after?: bigint;
  before?: bigint;
  limit: number;
}

interface MessageRow {
  grp: string;
  message_id: string | null;
  group_id: string;
  sender_id: string;
  client_message_id: string;
  text: string | null;
  attachments: Record<string, unknown>[] | null;
  sent_at: Date;
  edited_at: Date | null;
  deleted: boolean;
  partition: number;
  offset: number;
  username: string | null;
  display_name: string | null;
  avatar_media_id: string | null;
  reactions: { emoji: string; count: number; mine: boolean }[];
}

/**
 * Forward (with `after`) the page starts just after the cursor; otherwise it ends just before
 * `before` (or at the newest). Either way items come oldest first and `hasMore` says whether
 * more exist in the direction of travel. Keyset by offset keeps pages stable while new
 * messages arrive: they only ever land after the newest offset.
 */
export function historySql(forward: boolean): string {
  return `WITH grp AS (
      SELECT a.group_id FROM group_access($1, $2) a WHERE a.can_read
    ), page AS (
      SELECT m.message_id, m.group_id, m.sender_id, m.client_message_id, m.text, m.attachments, m.sent_at, m.edited_at,
             m.deleted, m.partition, m."offset", u.username, u.display_name, u.avatar_media_id
        FROM messages m
        LEFT JOIN users u ON u.user_id = m.sender_id
       WHERE m.group_id = $1 AND EXISTS (SELECT 1 FROM grp)
         AND ($3::bigint IS NULL OR m."offset" > $3::bigint)
         AND ($4::bigint IS NULL OR m."offset" < $4::bigint)
       ORDER BY m."offset" ${forward ? 'ASC' : 'DESC'}
       LIMIT $5
    )
    SELECT grp.group_id AS grp, p.*, coalesce(r.reactions, '[]'::json) AS reactions
      FROM grp
      LEFT JOIN page p ON true
      LEFT JOIN LATERAL (
        SELECT json_agg(json_build_object('emoji', x.emoji, 'count', x.n, 'mine', x.mine) ORDER BY x.first, x.emoji) AS reactions
          FROM (SELECT emoji, count(*)::int AS n, bool_or(user_id = $2) AS mine, min(reacted_at) AS first
                  FROM reactions WHERE message_id = p.message_id AND NOT p.deleted GROUP BY emoji) x
      ) r ON true
     ORDER BY p."offset" ASC`;
}

/** Message history of a group the caller may read; the access rule (`group_access`) is in the SQL, so a hidden group reads as unknown. */
export async function historyOf(pool: Pool, groupId: string, callerId: string, p: HistoryParams) {
  const forward = p.after !== undefined;
  const { rows } = await pool.query<MessageRow>(historySql(forward), [
    groupId,
    callerId,
    p.after?.toString() ?? null,
    p.before?.toString() ?? null,
    p.limit + 1,
  ]);
  if (!rows.length) throw notFound('group');
  const found = rows.filter((r) => r.message_id !== null);
  const hasMore = found.length > p.limit;
  // The extra row that proved hasMore lies beyond the page in the direction of travel.
  const page = hasMore ? (forward ? found.slice(0, p.limit) : found.slice(1)) : found;
  const items = page.map(toMessage);
  return {
    items,
    hasMore,
    ...(items.length ? { nextBefore: items[0]!.position, nextAfter: items[items.length - 1]!.position } : {}),
  };
}

function toMessage(r: MessageRow) {
  return {
    id: r.message_id!,
    groupId: r.group_id,
    senderId: r.sender_id,
    sender: { username: r.username, displayName: r.display_name, avatarMediaId: r.avatar_media_id },
    clientMessageId: r.client_message_id,
    text: r.deleted ? null : r.text,
    attachments: r.deleted ? [] : (r.attachments ?? []).map(withUrls),
    sentAt: r.sent_at.toISOString(),
    editedAt: r.edited_at ? r.edited_at.toISOString() : null,
    deleted: r.deleted,
    reactions: r.reactions,
    position: formatPosition({ topic: 'messages', partition: r.partition, offset: BigInt(r.offset) }),
  };
}

function withUrls(a: Record<string, unknown>) {
  const id = encodeURIComponent(String(a.mediaId));
  return { ...a, url: `/api/v1/media/${id}`, thumbnailUrl: a.thumbnailMediaId ? `/api/v1/media/${id}/thumbnail` : null };
}
