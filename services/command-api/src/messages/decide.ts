import type { Attachment, Role } from '@groupchat/schemas';
import { AppError, forbidden, notFound } from '@groupchat/shared';
import type { Decided } from '../http/envelope';
import { atLeast, memberOf, type GroupFacts } from '../groups/roles';

export interface SendState {
  group: GroupFacts | null;
  senderRole: Role | null;
  /** When this sender's previous message in the group was accepted (ms), if ever. */
  lastSentAt: number | null;
  now: number;
}

export interface SendMessage {
  groupId: string;
  senderId: string;
  clientMessageId: string;
  messageId: string;
  text: string | null;
  attachments: Attachment[];
}

export const slowModeError = (retryAfter: number) =>
  new AppError(429, 'slow_mode', `this group is in slow mode: wait ${retryAfter} s before your next message`, { retryAfter });

/** Only members post; in slow mode a member (not moderators and above) waits between messages. */
export function decideSend(s: SendState, c: SendMessage): Decided[] {
  const role = memberOf(s.group, s.senderRole);
  const interval = s.group!.slowModeSeconds * 1000;
  if (interval > 0 && !atLeast(role, 'moderator') && s.lastSentAt !== null && s.now - s.lastSentAt < interval) {
    throw slowModeError(Math.max(1, Math.ceil((interval - (s.now - s.lastSentAt)) / 1000)));
  }
  return [
    {
      type: 'MessageSent',
      messageId: c.messageId,
      groupId: c.groupId,
      senderId: c.senderId,
      clientMessageId: c.clientMessageId,
      text: c.text,
      attachments: c.attachments,
      replyTo: null,
      threadId: null,
      mentions: [],
      broadcast: null,
      linkPreview: null,
    },
  ];
}

export interface MessageFacts {
  messageId: string;
  groupId: string;
  senderId: string;
  deleted: boolean;
}

export interface MessageState {
  group: GroupFacts | null;
  actorRole: Role | null;
  message: MessageFacts | null;
}

function existing(s: MessageState, groupId: string): { role: Role; message: MessageFacts } {
  const role = memberOf(s.group, s.actorRole);
  if (!s.message || s.message.deleted || s.message.groupId !== groupId) throw notFound('message');
  return { role, message: s.message };
}

export function decideEdit(s: MessageState, c: { groupId: string; messageId: string; actorId: string; text: string }): Decided[] {
  const { message } = existing(s, c.groupId);
  if (message.senderId !== c.actorId) throw forbidden('only the author edits a message');
  return [{ type: 'MessageEdited', messageId: c.messageId, groupId: c.groupId, text: c.text, mentions: [], broadcast: null, linkPreview: null }];
}

export function decideDelete(s: MessageState, c: { groupId: string; messageId: string; actorId: string }): Decided[] {
  const { role, message } = existing(s, c.groupId);
  if (message.senderId !== c.actorId && !atLeast(role, 'moderator')) throw forbidden('only the author or a moderator deletes a message');
  return [{ type: 'MessageDeleted', messageId: c.messageId, groupId: c.groupId }];
}

/** Reactions are a set: adding one twice or removing a missing one changes nothing downstream, so neither is refused. */
export function decideReact(s: MessageState, c: { groupId: string; messageId: string; actorId: string; emoji: string; add: boolean }): Decided[] {
  existing(s, c.groupId);
  return [{ type: c.add ? 'ReactionAdded' : 'ReactionRemoved', messageId: c.messageId, groupId: c.groupId, userId: c.actorId, emoji: c.emoji }];
}
