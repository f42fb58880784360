import type { Role } from '@groupchat/schemas';
import { RecentMap, type Pool, type Position } from '@groupchat/shared';
import type { MessageFacts } from './decide';

const MESSAGE_HEADS = 10_000;

interface MessageRow {
  message_id: string;
  group_id: string;
  sender_id: string;
  deleted: boolean;
  thread_id: string | null;
}

const factsOf = (r: MessageRow): MessageFacts => ({
  messageId: r.message_id,
  groupId: r.group_id,
  senderId: r.sender_id,
  deleted: r.deleted,
  threadId: r.thread_id,
});

export async function loadMessage(pool: Pool, messageId: string): Promise<MessageFacts | null> {
  return (await loadMessages(pool, [messageId])).get(messageId) ?? null;
}

export async function loadMessages(pool: Pool, messageIds: string[]): Promise<Map<string, MessageFacts>> {
  if (!messageIds.length) return new Map();
  const { rows } = await pool.query<MessageRow>('SELECT message_id, group_id, sender_id, deleted, thread_id FROM messages WHERE message_id = ANY($1)', [
    messageIds,
  ]);
  return new Map(rows.map((r) => [r.message_id, factsOf(r)]));
}

/** The roles of those of `userIds` who are members of the group. */
export async function rolesIn(pool: Pool, groupId: string, userIds: string[]): Promise<Map<string, Role>> {
  if (!userIds.length) return new Map();
  const { rows } = await pool.query<{ user_id: string; role: Role }>('SELECT user_id, role FROM memberships WHERE group_id = $1 AND user_id = ANY($2)', [
    groupId,
    userIds,
  ]);
  return new Map(rows.map((r) => [r.user_id, r.role]));
}

/**
 * The newest position this process appended for each message it recently edited, deleted or
 * reacted to (the most recent MESSAGE_HEADS): the next command on the message waits for the
 * read model to show it, so a deleted message is gone for the very next edit. Across
 * instances, the caller's X-Min-Position does the same.
 */
export class MessageHeads {
  private readonly changed = new RecentMap<string, Position>(MESSAGE_HEADS);

  constructor(private readonly sentAt: (messageId: string) => Position | undefined) {}

  /** What the read model must show before a command on the message is decided. */
  of(messageId: string): Position[] {
    return [this.sentAt(messageId), this.changed.get(messageId)].filter((p): p is Position => p !== undefined);
  }

  advance(messageId: string, position: Position): void {
    this.changed.set(messageId, position);
  }
}
