import type { Role } from '@groupchat/schemas';
import { invalid, type Position } from '@groupchat/shared';
import { memberOf, type GroupFacts } from '../groups/roles';
import type { Decided } from '../http/envelope';

/** Where a conversation's messages stand, and how far the user has read it (or one of its threads). */
export interface MarkerState {
  group: GroupFacts | null;
  role: Role | null;
  /** The group's newest message in the read model, if it has any. */
  newest: { partition: number; offset: bigint } | null;
  /** The marker as the read model has it, and the one this process is about to append. */
  stored: bigint | null;
  pending: bigint | null;
  /** For a thread marker: whether the thread's root is a top-level message of the group, and which thread the message at the position is in. */
  thread?: { rootFound: boolean; at: { messageId: string; threadId: string | null } | null };
}

export interface MoveMarker {
  userId: string;
  groupId: string;
  position: Position;
  /** The thread read (its root message id); absent or null for the main list. */
  threadId?: string | null;
}

const refused = (message: string, field = 'position') => invalid([{ field, message }]);

/**
 * Moves a read marker to a message of the conversation, or of one of its threads (the root or
 * a reply in it). A marker never moves backwards: a position at or before the one read already,
 * or about to be recorded, decides nothing.
 */
export function decideMoveMarker(s: MarkerState, c: MoveMarker): Decided[] {
  memberOf(s.group, s.role);
  const { topic, partition, offset } = c.position;
  const threadId = c.threadId ?? null;
  if (topic !== 'messages') throw refused('must be the position of a message');
  if (!s.newest) throw refused('the conversation has no messages yet');
  if (partition !== s.newest.partition) throw refused("is not in this conversation's message stream");
  if (offset > s.newest.offset) throw refused("is past the conversation's newest message");
  if (threadId !== null) {
    if (!s.thread?.rootFound) throw refused('is not a thread of this conversation', 'threadId');
    const at = s.thread.at;
    if (!at || (at.messageId !== threadId && at.threadId !== threadId)) throw refused('is not a message of this thread');
  }
  const read = [s.stored, s.pending].reduce<bigint>((a, b) => (b !== null && b > a ? b : a), -1n);
  if (offset <= read) return [];
  return [{ type: 'ReadMarkerMoved', userId: c.userId, groupId: c.groupId, partition, offset: Number(offset), threadId }];
}
