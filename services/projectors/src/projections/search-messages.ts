import type { EventOf } from '@groupchat/schemas';
import { formatPosition } from '@groupchat/shared';
import { defineProjection } from '../framework';
import { analysis, date, iso, keyword } from './search-analysis';

/**
 * Full-text message search, scoped by group_id; edits replace the text, deletions remove the
 * document. Filters (from:, has:, before:/after:) use sender_id, attachment_kinds, has_link
 * and sent_at; replies in threads are indexed with their thread_id, so a hit opens the thread.
 * A moderator's undone removal (MessageRestored) indexes the message again, from the content
 * and first position the event carries.
 */
export const searchMessages = defineProjection({
  name: 'search-messages',
  // v2: thread_id, attachment_kinds and has_link for filters and for opening a hit in its thread.
  version: 2,
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
        attachment_kinds: keyword,
        has_link: { type: 'boolean' },
        thread_id: keyword,
        sent_at: date,
        edited_at: date,
        partition: { type: 'integer' },
        offset: { type: 'long' },
        position: keyword,
      },
    },
  },
  id: ({ event }) =>
    event.type === 'MessageSent' || event.type === 'MessageEdited' || event.type === 'MessageDeleted' || event.type === 'MessageRestored'
      ? event.messageId
      : undefined,
  creates: ['MessageSent', 'MessageRestored'],
  handlers: {
    MessageSent: (_doc, { event: e, partition, offset }) => documentOf(e, e.occurredAt, partition, offset),
    MessageEdited: (doc, { event: e }) => doc && { ...doc, text: e.text, has_link: hasLink(e.text), edited_at: iso(e.occurredAt) },
    MessageDeleted: () => null,
    MessageRestored: (_doc, { event: e, partition }) => documentOf(e, e.sentAt, partition, e.sentOffset),
  },
});

type Indexed = Pick<EventOf<'MessageSent'>, 'messageId' | 'groupId' | 'senderId' | 'text' | 'attachments' | 'threadId'>;

function documentOf(e: Indexed, sentAt: number, partition: number, offset: number) {
  return {
    message_id: e.messageId,
    group_id: e.groupId,
    sender_id: e.senderId,
    ...(e.text === null ? {} : { text: e.text }),
    attachment_count: e.attachments.length,
    attachment_kinds: [...new Set(e.attachments.map((a) => a.kind))],
    has_link: hasLink(e.text),
    ...(e.threadId === null ? {} : { thread_id: e.threadId }),
    sent_at: iso(sentAt),
    partition,
    offset,
    position: formatPosition({ topic: 'messages', partition, offset: BigInt(offset) }),
  };
}

const hasLink = (text: string | null) => text !== null && /https?:\/\/\S/i.test(text);
