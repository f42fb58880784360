import type { Message } from '../api/types';

/** Test messages of group g1, one per offset: id m<offset>, position m.1.<offset>, a second apart. */
export const timeOf = (offset: number) => 1_700_000_000_000 + offset * 1000;

export const msg = (offset: number, over: Partial<Message> = {}): Message => ({
  id: `m${offset}`,
  groupId: 'g1',
  senderId: 'u2',
  text: `text ${offset}`,
  attachments: [],
  sentAt: new Date(timeOf(offset)).toISOString(),
  editedAt: null,
  deleted: false,
  reactions: [],
  position: `m.1.${offset}`,
  ...over,
});

/** The MessageSent event of msg(offset). */
export const sentEvent = (offset: number, over: Record<string, unknown> = {}) => ({
  type: 'MessageSent',
  messageId: `m${offset}`,
  groupId: 'g1',
  senderId: 'u2',
  clientMessageId: `c${offset}`,
  text: `text ${offset}`,
  attachments: [],
  occurredAt: timeOf(offset),
  ...over,
});
