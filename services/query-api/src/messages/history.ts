import { notFound, retainedSql, type Pool } from '@groupchat/shared';
import { MESSAGE_COLUMNS, MESSAGE_JOINS, toMessage, type MessageItem, type MessageRow } from './message-row';

export interface HistoryParams {
  /** Offsets (within the group's partition) from the `after` / `before` position tokens. */
  after?: bigint;
  before?: bigint;
  limit: number;
  /** A thread's replies instead of the group's top-level messages. */
  threadId?: string;
}

/**
 * Forward (with `after`) the page starts just after the cursor; otherwise it ends just before
 * `before` (or at the newest). Either way items come oldest first and `hasMore` says whether
 * more exist in the direction of travel. Keyset by offset keeps pages stable while new
 * messages arrive: they only ever land after the newest offset. The group's history holds
 * its top-level messages; a thread's replies are listed under their root (`$6`).
 */
export function historySql(forward: boolean): string {
  return `WITH grp AS (
      SELECT a.group_id FROM group_access($1, $2) a WHERE a.can_read
    ), page AS (
      SELECT m.* FROM messages m
       WHERE m.group_id = $1 AND EXISTS (SELECT 1 FROM grp)
         AND ($6::text IS NULL AND m.thread_id IS NULL OR m.thread_id = $6::text)
         AND ($3::bigint IS NULL OR m."offset" > $3::bigint)
         AND ($4::bigint IS NULL OR m."offset" < $4::bigint)
         AND ${retainedSql('m')}
       ORDER BY m."offset" ${forward ? 'ASC' : 'DESC'}
       LIMIT $5
    )
    SELECT grp.group_id AS grp, ${MESSAGE_COLUMNS}
      FROM grp
      LEFT JOIN page p ON true
      ${MESSAGE_JOINS}
     ORDER BY p."offset" ASC`;
}

export interface HistoryPage {
  items: MessageItem[];
  hasMore: boolean;
  nextBefore?: string;
  nextAfter?: string;
}

/** Message history of a group the caller may read; the access rule (`group_access`) is in the SQL, so a hidden group reads as unknown. */
export async function historyOf(pool: Pool, groupId: string, callerId: string, p: HistoryParams): Promise<HistoryPage> {
  const forward = p.after !== undefined;
  const { rows } = await pool.query<MessageRow & { grp: string }>(historySql(forward), [
    groupId,
    callerId,
    p.after?.toString() ?? null,
    p.before?.toString() ?? null,
    p.limit + 1,
    p.threadId ?? null,
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
