import { formatPosition, waitForPositions, type Pool, type Position } from '@groupchat/shared';
import { loadGroup, roleIn } from '../groups/state';
import type { MarkerState } from './decide';

export interface StoredMarker {
  offset: bigint;
  /** Where the move that set it landed in the users topic. */
  movedAt: string;
}

/** The user's marker in a conversation as the read-markers projection has it. */
export async function storedMarker(pool: Pool, userId: string, groupId: string): Promise<StoredMarker | null> {
  const { rows } = await pool.query<{ offset: string; moved_partition: number; moved_offset: string }>(
    'SELECT "offset", moved_partition, moved_offset FROM read_markers WHERE user_id = $1 AND group_id = $2',
    [userId, groupId],
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

/**
 * What a marker move is decided on. A position past the newest message the read model shows
 * may be a message it has not applied yet (the client saw it live): wait, bounded, for the
 * messages projection to reach it before judging.
 */
export async function loadMarkerState(
  pool: Pool,
  ids: { userId: string; groupId: string; pending: number | null },
  position: Position,
  timeoutMs: number,
): Promise<MarkerState & { storedAt: string | null }> {
  const [group, role, stored] = await Promise.all([
    loadGroup(pool, ids.groupId),
    roleIn(pool, ids.groupId, ids.userId),
    storedMarker(pool, ids.userId, ids.groupId),
  ]);
  let newest = await newestMessage(pool, ids.groupId);
  if (position.topic === 'messages' && (!newest || (newest.partition === position.partition && newest.offset < position.offset))) {
    await waitForPositions(pool, [position], { projections: ['messages'], timeoutMs }).catch(() => undefined);
    newest = await newestMessage(pool, ids.groupId);
  }
  return {
    group,
    role,
    newest,
    stored: stored?.offset ?? null,
    storedAt: stored?.movedAt ?? null,
    pending: ids.pending === null ? null : BigInt(ids.pending),
  };
}
