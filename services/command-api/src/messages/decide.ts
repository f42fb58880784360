import type { Attachment, Role } from '@groupchat/schemas';
import { permissions } from '@groupchat/schemas/permissions';
import { AppError, forbidden, invalid, notFound } from '@groupchat/shared';
import { uuidV5, type Decided } from '../http/envelope';
import { timedOutError } from '../moderation/decide';
import { atLeast, memberOf, type GroupFacts } from '../groups/roles';
import { broadcastOf, firstLink } from '@groupchat/schemas/text-facts';

export interface SendState {
  group: GroupFacts | null;
  senderRole: Role | null;
  /** When this sender's previous message in the group was accepted (ms), if ever. */
  lastSentAt: number | null;
  now: number;
  /** The role in the group of any user (mentions name members only). */
  roleOf: (userId: string) => Role | null;
  /** The messages named by replyTo and threadId, if any. */
  parent?: MessageFacts | null;
  root?: MessageFacts | null;
  /** The end of the sender's timeout in the group when one is in force (docs/moderation.md). */
  timedOutUntil?: number | null;
  /** The group's automatic moderation, and whether this text matches its patterns. */
  autoModeration?: { matched: boolean; action: 'flag' | 'refuse'; newMemberMinutes: number; newMemberSlowModeSeconds: number } | null;
  /** When the sender joined (ms): new members may be in slow mode. */
  joinedAt?: number | null;
}

/** Who files the reports automatic moderation makes. */
export const AUTOMOD = 'automod';

export interface SendMessage {
  groupId: string;
  senderId: string;
  clientMessageId: string;
  messageId: string;
  text: string | null;
  attachments: Attachment[];
  replyTo?: string;
  threadId?: string;
  mentions?: string[];
  /** false: no preview of the first link. */
  linkPreview?: boolean;
}

export const slowModeError = (retryAfter: number) =>
  new AppError(429, 'slow_mode', `this group is in slow mode: wait ${retryAfter} s before your next message`, { retryAfter });

/**
 * Only members post; in slow mode a member (not moderators and above) waits between messages.
 * A reply quotes a message of the same group; a reply in a thread goes to the thread's root,
 * so threads are one level deep. The event says whom the text mentions and which link it
 * previews, so no reader parses the text again.
 */
export function decideSend(s: SendState, c: SendMessage): Decided[] {
  const role = memberOf(s.group, s.senderRole);
  if (s.timedOutUntil) throw timedOutError(s.timedOutUntil);
  const moderator = atLeast(role, 'moderator');
  const auto = moderator ? null : (s.autoModeration ?? null);
  const newcomer = !!auto && auto.newMemberMinutes > 0 && s.joinedAt != null && s.now - s.joinedAt < auto.newMemberMinutes * 60_000;
  const interval = Math.max(s.group!.slowModeSeconds, newcomer ? auto!.newMemberSlowModeSeconds : 0) * 1000;
  if (interval > 0 && !moderator && s.lastSentAt !== null && s.now - s.lastSentAt < interval) {
    throw slowModeError(Math.max(1, Math.ceil((interval - (s.now - s.lastSentAt)) / 1000)));
  }
  if (auto?.matched && auto.action === 'refuse') throw new AppError(422, 'blocked_words', 'this group does not allow some of the words in your message');
  // Flagged: sent, and reported to the moderators in the same append (one report per message).
  const flagged: Decided[] = auto?.matched
    ? [
        {
          type: 'ReportFiled',
          reportId: uuidV5('report', c.groupId, AUTOMOD, `message:${c.messageId}`),
          groupId: c.groupId,
          reporterId: AUTOMOD,
          messageId: c.messageId,
          userId: c.senderId,
          reason: "matched the group's blocked words",
          audience: 'moderators',
        },
      ]
    : [];
  return [
    {
      type: 'MessageSent',
      messageId: c.messageId,
      groupId: c.groupId,
      senderId: c.senderId,
      clientMessageId: c.clientMessageId,
      text: c.text,
      attachments: c.attachments,
      ...placeInThread(s, c),
      ...textFacts(s.group!, role, s.roleOf, c),
    },
    ...flagged,
  ];
}

function placeInThread(s: SendState, c: SendMessage): { replyTo: string | null; threadId: string | null } {
  let threadId: string | null = null;
  if (c.threadId !== undefined) threadId = inGroup(s.root, c.groupId, 'threadId').threadId ?? c.threadId;
  if (c.replyTo === undefined) return { replyTo: null, threadId };
  const parent = inGroup(s.parent, c.groupId, 'replyTo');
  if (threadId === null) return { replyTo: c.replyTo, threadId: parent.threadId };
  if ((parent.threadId ?? parent.messageId) !== threadId) throw invalid([{ field: 'replyTo', message: 'is not in that thread' }]);
  return { replyTo: c.replyTo, threadId };
}

function inGroup(message: MessageFacts | null | undefined, groupId: string, field: string): MessageFacts {
  if (!message || message.deleted || message.groupId !== groupId) throw invalid([{ field, message: 'no such message in this group' }]);
  return message;
}

/** Mentions name members; @here and @everyone need the group's broadcastMinRole. */
export function textFacts(
  group: GroupFacts,
  role: Role,
  roleOf: (userId: string) => Role | null,
  c: { text: string | null; mentions?: string[]; linkPreview?: boolean },
) {
  const mentions = c.mentions ?? [];
  const strangers = mentions.flatMap((id, i) => (roleOf(id) ? [] : [{ field: `mentions.${i}`, message: 'is not a member of this group' }]));
  if (strangers.length) throw invalid(strangers);
  const broadcast = broadcastOf(c.text);
  if (broadcast && !permissions.broadcast(role, group.broadcastMinRole)) {
    throw forbidden(`only ${group.broadcastMinRole}s and above may mention @here and @everyone in this group`, 'broadcast_not_allowed');
  }
  return { mentions, broadcast, linkPreview: c.linkPreview === false ? null : firstLink(c.text) };
}

export interface MessageFacts {
  messageId: string;
  groupId: string;
  senderId: string;
  deleted: boolean;
  /** The thread it is a reply in, if any. */
  threadId: string | null;
}

export interface MessageState {
  group: GroupFacts | null;
  actorRole: Role | null;
  message: MessageFacts | null;
  /** Roles of the users an edit mentions. */
  roleOf?: (userId: string) => Role | null;
  /** The end of the actor's timeout when one is in force: no edits or reactions until then. */
  timedOutUntil?: number | null;
}

function existing(s: MessageState, groupId: string): { role: Role; message: MessageFacts } {
  const role = memberOf(s.group, s.actorRole);
  if (!s.message || s.message.deleted || s.message.groupId !== groupId) throw notFound('message');
  return { role, message: s.message };
}

export interface EditMessage {
  groupId: string;
  messageId: string;
  actorId: string;
  text: string;
  mentions?: string[];
  linkPreview?: boolean;
}

export function decideEdit(s: MessageState, c: EditMessage): Decided[] {
  const { role, message } = existing(s, c.groupId);
  if (s.timedOutUntil) throw timedOutError(s.timedOutUntil);
  if (message.senderId !== c.actorId) throw forbidden('only the author edits a message');
  return [{ type: 'MessageEdited', messageId: c.messageId, groupId: c.groupId, text: c.text, ...textFacts(s.group!, role, s.roleOf ?? (() => null), c) }];
}

/** The sender takes the preview of their link off; a message without one is left as it is. */
export function decideRemovePreview(s: MessageState, c: { groupId: string; messageId: string; actorId: string }): Decided[] {
  const { message } = existing(s, c.groupId);
  if (message.senderId !== c.actorId) throw forbidden('only the author removes the preview of a message');
  return [{ type: 'LinkPreviewRemoved', messageId: c.messageId, groupId: c.groupId }];
}

/** Moderators pin in groups; in a direct conversation, where nobody moderates, every member does. Pins are a set. */
export function decidePin(s: MessageState, c: { groupId: string; messageId: string; actorId: string; pin: boolean }): Decided[] {
  const { role } = existing(s, c.groupId);
  if (!permissions.pin(role, s.group!.kind)) throw forbidden('only moderators and above pin messages');
  return [{ type: c.pin ? 'MessagePinned' : 'MessageUnpinned', messageId: c.messageId, groupId: c.groupId }];
}

/** Members follow the threads of their group; following is a set per member and thread. */
export function decideFollow(s: MessageState, c: { groupId: string; messageId: string; actorId: string; follow: boolean }): Decided[] {
  const { message } = existing(s, c.groupId);
  if (message.threadId !== null) throw notFound('thread');
  return [{ type: c.follow ? 'ThreadFollowed' : 'ThreadUnfollowed', groupId: c.groupId, threadId: c.messageId, userId: c.actorId }];
}

export function decideDelete(s: MessageState, c: { groupId: string; messageId: string; actorId: string }): Decided[] {
  const { role, message } = existing(s, c.groupId);
  if (message.senderId !== c.actorId && !atLeast(role, 'moderator')) throw forbidden('only the author or a moderator deletes a message');
  return [{ type: 'MessageDeleted', messageId: c.messageId, groupId: c.groupId }];
}

/** Reactions are a set: adding one twice or removing a missing one changes nothing downstream, so neither is refused. */
export function decideReact(s: MessageState, c: { groupId: string; messageId: string; actorId: string; emoji: string; add: boolean }): Decided[] {
  existing(s, c.groupId);
  if (s.timedOutUntil) throw timedOutError(s.timedOutUntil);
  return [{ type: c.add ? 'ReactionAdded' : 'ReactionRemoved', messageId: c.messageId, groupId: c.groupId, userId: c.actorId, emoji: c.emoji }];
}
