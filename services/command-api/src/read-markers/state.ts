import { formatPosition, waitForPositions, type Pool, type Position } from '@groupchat/shared';
import { loadGroup, roleIn } from '../groups/state';
import type { MarkerState } from './decide';

export interface StoredMarker {
  offset: bigint;
  /** Where the move that set it landed in the users topic. */
  movedAt: string;
}

/** The user's marker in a conversation (or one of its threads) as the read-markers projection has it. */
export async function storedMarker(pool: Pool, userId: string, groupId: string, threadId: string | null = null): Promise<StoredMarker | null> {
  const { rows } = await pool.query<{ offset: string; moved_partition: number; moved_offset: string }>(
    threadId === null
      ? 'SELECT "offset", moved_partition, moved_offset FROM read_markers WHERE user_id = $1 AND group_id = $2'
      : 'SELECT "offset", moved_partition, moved_offset FROM thread_read_markers WHERE user_id = $1 AND group_id = $2 AND thread_id = $3',
    threadId === null ? [userId, groupId] : [userId, groupId, threadId],
  );
  const row = rows[0];
  return row
    ? { offset: BigInt(row.offset), movedAt: formatPosition({ topic: 'users', partition: row.moved_partition, offset: BigInt(row.moved_offset) }) }
    : null;
}

/** The conversation's newest message, through its (group_id, "offset") index. */
async function newestMessage(pool: Pool, groupId: string): Promise<MarkerState['newest']> {
  const { rows } = await pool.query<{ partition: number; offset: string }>(
    'SELECT partition, "offset" FROM messages WHERE group_id = $1 ORDER BY "offset" DESC LIMIT 1',
    [groupId],
  );
  return rows[0] ? { partition: rows[0].partition, offset: BigInt(rows[0].offset) } : null;
}

/** Whether the thread's root is a top-level message of the group, and which thread the message at the offset is in. */
async function threadFacts(pool: Pool, groupId: string, threadId: string, offset: bigint): Promise<NonNullable<MarkerState['thread']>> {
  const { rows } = await pool.query<{ root_found: boolean; message_id: string | null; thread_id: string | null }>(
    `SELECT EXISTS (SELECT 1 FROM messages WHERE message_id = $2 AND group_id = $1 AND thread_id IS NULL) AS root_found, at.message_id, at.thread_id
       FROM (SELECT 1) one LEFT JOIN messages at ON at.group_id = $1 AND at."offset" = $3`,
    [groupId, threadId, String(offset)],
  );
  const row = rows[0]!;
  return { rootFound: row.root_found, at: row.message_id === null ? null : { messageId: row.message_id, threadId: row.thread_id } };
}

/**
 * What a marker move is decided on. A position past the newest message the read model shows
 * may be a message it has not applied yet (the client saw it live): wait, bounded, for the
 * messages projection to reach it before judging. A thread marker is judged on the message at
 * the position too: it must be the thread's root or one of its replies.
 */
export async function loadMarkerState(
  pool: Pool,
  ids: { userId: string; groupId: string; threadId: string | null; pending: number | null },
  position: Position,
  timeoutMs: number,
): Promise<MarkerState & { storedAt: string | null }> {
  const [group, role, stored] = await Promise.all([
    loadGroup(pool, ids.groupId),
    roleIn(pool, ids.groupId, ids.userId),
    storedMarker(pool, ids.userId, ids.groupId, ids.threadId),
  ]);
  let newest = await newestMessage(pool, ids.groupId);
  if (position.topic === 'messages' && (!newest || (newest.partition === position.partition && newest.offset < position.offset))) {
    await waitForPositions(pool, [position], { projections: ['messages'], timeoutMs }).catch(() => undefined);
    newest = await newestMessage(pool, ids.groupId);
  }
  const inStream = position.topic === 'messages' && newest?.partition === position.partition && position.offset <= newest.offset;
  const thread = ids.threadId !== null && inStream ? await threadFacts(pool, ids.groupId, ids.threadId, position.offset) : undefined;
  return {
    thread,
    group,
    role,
    newest,
    stored: stored?.offset ?? null,
    storedAt: stored?.movedAt ?? null,
    pending: ids.pending === null ? null : BigInt(ids.pending),
  };
}
