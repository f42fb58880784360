import { formatPosition } from '@groupchat/shared';
import { defineProjection } from '../framework';
import { analysis, date, iso, keyword } from './search-analysis';

/** Full-text message search, scoped by group_id; edits replace the text, deletions remove the document. */
export const searchMessages = defineProjection({
  name: 'search-messages',
  version: 1,
  storage: 'elasticsearch',
  topics: ['messages'],
  index: {
    name: 'messages',
    settings: { analysis },
    mappings: {
      dynamic: 'strict',
      properties: {
        message_id: keyword,
        group_id: keyword,
        sender_id: keyword,
        text: { type: 'text', analyzer: 'folded', fields: { cjk: { type: 'text', analyzer: 'cjk' } } },
        attachment_count: { type: 'integer' },
        sent_at: date,
        edited_at: date,
        partition: { type: 'integer' },
        offset: { type: 'long' },
        position: keyword,
      },
    },
  },
  id: ({ event }) => (event.type === 'MessageSent' || event.type === 'MessageEdited' || event.type === 'MessageDeleted' ? event.messageId : undefined),
  creates: ['MessageSent'],
  handlers: {
    MessageSent: (_doc, { event: e, partition, offset }) => ({
      message_id: e.messageId,
      group_id: e.groupId,
      sender_id: e.senderId,
      ...(e.text === null ? {} : { text: e.text }),
      attachment_count: e.attachments.length,
      sent_at: iso(e.occurredAt),
      partition,
      offset,
      position: formatPosition({ topic: 'messages', partition, offset: BigInt(offset) }),
    }),
    MessageEdited: (doc, { event: e }) => doc && { ...doc, text: e.text, edited_at: iso(e.occurredAt) },
    MessageDeleted: () => null,
  },
});
