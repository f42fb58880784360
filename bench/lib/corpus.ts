import { randomUUID } from 'node:crypto';
import type { EventOf } from '@groupchat/schemas';
import type { EventLog } from '@groupchat/shared';
import { envelope, NO_THREAD, type Group } from './population';
import { prng, Vocabulary } from './words';

export const vocabulary = new Vocabulary();

/**
 * Appends `count` MessageSent events spread over the groups, by their members, dated one
 * second apart up to now, with chat-like texts: the history the query and rebuild scenarios read.
 */
export async function appendMessages(log: EventLog, groups: Group[], count: number, onProgress?: (done: number) => void): Promise<void> {
  const rand = prng(1234);
  const start = Date.now() - count * 1000;
  const chunk = 10_000;
  for (let i = 0; i < count; i += chunk) {
    const items = [];
    for (let k = i; k < Math.min(count, i + chunk); k++) {
      const g = groups[Math.floor(rand() * groups.length)]!;
      const sender = g.members[Math.floor(rand() * g.members.length)]!;
      const event: EventOf<'MessageSent'> = {
        type: 'MessageSent',
        ...envelope(sender.id, start + k * 1000),
        messageId: randomUUID(),
        groupId: g.id,
        senderId: sender.id,
        clientMessageId: `corpus-${k}`,
        text: vocabulary.sentence(rand),
        attachments: [],
        ...NO_THREAD,
      };
      items.push({ event, key: g.id });
    }
    await log.appendMany(items);
    onProgress?.(Math.min(count, i + chunk));
  }
}
