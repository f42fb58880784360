import { RecentMap, type Pool, type Position } from '@groupchat/shared';
import type { MessageFacts } from './decide';

const MESSAGE_HEADS = 10_000;

export async function loadMessage(pool: Pool, messageId: string): Promise<MessageFacts | null> {
  const { rows } = await pool.query<{ message_id: string; group_id: string; sender_id: string; deleted: boolean }>(
    'SELECT message_id, group_id, sender_id, deleted FROM messages WHERE message_id = $1',
    [messageId],
  );
  const row = rows[0];
  return row ? { messageId: row.message_id, groupId: row.group_id, senderId: row.sender_id, deleted: row.deleted } : null;
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
