import type { Attachment, Message, Quote } from '../api/types';
import { mentioning } from '../api/normalize';
import { fromServer, withReaction, type ChatMessage } from './messages.merge';

export interface RawEvent {
  type: string;
  [field: string]: unknown;
}

/** How long a quote's text is kept: the server sends the start of the parent's text too. */
const QUOTE_CHARS = 160;

export function eventTime(event: RawEvent): string {
  const v = event.occurredAt;
  return typeof v === 'number' || typeof v === 'string' ? new Date(Number(v) || String(v)).toISOString() : new Date().toISOString();
}

/**
 * A MessageSent event as a message. The event names its parent only by id: `parentOf` finds it
 * among the loaded messages for the quote, else the quote waits for the next history read.
 */
export function fromSentEvent(groupId: string, position: string, event: RawEvent, parentOf: (id: string) => Message | undefined): ChatMessage {
  const replyTo = typeof event.replyTo === 'string' ? event.replyTo : null;
  return fromServer({
    id: String(event.messageId ?? ''),
    groupId,
    senderId: String(event.senderId ?? ''),
    text: typeof event.text === 'string' ? event.text : null,
    attachments: Array.isArray(event.attachments) ? (event.attachments as Attachment[]) : [],
    sentAt: eventTime(event),
    editedAt: null,
    deleted: false,
    reactions: [],
    position,
    clientMessageId: typeof event.clientMessageId === 'string' ? event.clientMessageId : undefined,
    linkPreview: typeof event.linkPreview === 'string' ? event.linkPreview : null,
    replyTo: replyTo ? quoteOf(parentOf(replyTo), replyTo) : null,
    threadId: typeof event.threadId === 'string' ? event.threadId : null,
    thread: null,
    ...mentioning(event),
  });
}

/** The quote of a loaded parent; a deleted one never keeps its text. */
export function quoteOf(parent: Message | undefined, id: string): Quote {
  if (!parent) return { id, senderId: null, username: null, displayName: null, text: null, deleted: false };
  return {
    id,
    senderId: parent.senderId,
    username: parent.sender?.username ?? null,
    displayName: parent.sender?.displayName ?? null,
    text: parent.deleted ? null : (parent.text?.slice(0, QUOTE_CHARS) ?? null),
    deleted: parent.deleted,
  };
}

/** Quotes of a message just deleted turn into "deleted message". Returns the list itself when nothing quotes it. */
export function withQuoteDeleted<T extends Message>(list: T[], messageId: string): T[] {
  if (!list.some((m) => m.replyTo?.id === messageId)) return list;
  return list.map((m) => (m.replyTo?.id === messageId ? { ...m, replyTo: { ...m.replyTo, text: null, deleted: true } } : m));
}

/** A root's reply count and last reply time after a reply arrives (+1) or is deleted (−1). */
export function withReplyCounted<T extends Message>(list: T[], rootId: string, delta: 1 | -1, at: string): T[] {
  const i = list.findIndex((m) => m.id === rootId);
  if (i < 0) return list;
  const root = list[i]!;
  const replyCount = Math.max(0, (root.thread?.replyCount ?? 0) + delta);
  const lastReplyAt = delta > 0 ? laterTime(root.thread?.lastReplyAt, at) : (root.thread?.lastReplyAt ?? at);
  const next = list.slice();
  next[i] = { ...root, thread: replyCount ? { replyCount, lastReplyAt } : null };
  return next;
}

function laterTime(a: string | undefined, b: string): string {
  return a && a > b ? a : b;
}

/** What an edit, deletion, restore, preview removal or reaction event does to the message it names; null for other events. */
export function changeOf(event: RawEvent, me: string | null): ((m: ChatMessage) => ChatMessage) | null {
  switch (event.type) {
    case 'MessageEdited':
      return (m) => ({
        ...m,
        text: typeof event.text === 'string' ? event.text : m.text,
        editedAt: eventTime(event),
        ...(Array.isArray(event.mentions) ? mentioning(event) : {}),
        // An edit names the link of its new text (v2); older edits leave the preview as it was.
        ...('linkPreview' in event ? { linkPreview: typeof event.linkPreview === 'string' ? event.linkPreview : null } : {}),
      });
    case 'LinkPreviewRemoved':
      return (m) => ({ ...m, linkPreview: null });
    case 'MessageDeleted':
      return (m) => ({ ...m, deleted: true, text: null, attachments: [], reactions: [] });
    // A moderator's removal undone: the content comes back as it was (reactions with the next history read).
    case 'MessageRestored':
      return (m) => ({
        ...m,
        deleted: false,
        text: typeof event.text === 'string' ? event.text : null,
        attachments: Array.isArray(event.attachments) ? (event.attachments as Attachment[]) : [],
        linkPreview: typeof event.linkPreview === 'string' ? event.linkPreview : null,
        ...mentioning(event),
      });
    case 'ReactionAdded':
    case 'ReactionRemoved':
      return (m) => ({ ...m, reactions: withReaction(m.reactions, String(event.emoji), String(event.userId), me, event.type === 'ReactionAdded') });
    default:
      return null;
  }
}
