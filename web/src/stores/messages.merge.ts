import type { Attachment, Message, Quote, Reaction } from '../api/types';
import { comparePositions } from '../lib/position';

export type SendStatus = 'sent' | 'pending' | 'failed';

export interface ChatMessage extends Message {
  /** Stable key for rendering: the clientMessageId of our own sends, else the message id. */
  key: string;
  status: SendStatus;
  error?: string;
}

export function fromServer(m: Message): ChatMessage {
  return { ...m, key: m.clientMessageId || m.id, status: 'sent' };
}

export interface PendingInput {
  clientMessageId: string;
  text: string | null;
  attachments: Attachment[];
  linkPreview?: string | null;
  replyTo?: Quote | null;
  threadId?: string | null;
}

/** Our own send, shown at once: no id or position until the answer or the event. */
export function pendingMessage(groupId: string, senderId: string, p: PendingInput): ChatMessage {
  return {
    id: '',
    key: p.clientMessageId,
    groupId,
    senderId,
    text: p.text,
    attachments: p.attachments,
    sentAt: new Date().toISOString(),
    editedAt: null,
    deleted: false,
    reactions: [],
    position: null,
    clientMessageId: p.clientMessageId,
    linkPreview: p.linkPreview ?? null,
    replyTo: p.replyTo ?? null,
    threadId: p.threadId ?? null,
    status: 'pending',
  };
}

/** Confirmed messages in log order; our own unconfirmed ones after them, oldest first. */
export function byLogOrder(a: ChatMessage, b: ChatMessage): number {
  if (a.position && b.position) {
    const c = comparePositions(a.position, b.position);
    if (c !== null) return c;
  }
  if (a.position && !b.position) return -1;
  if (!a.position && b.position) return 1;
  return a.sentAt < b.sentAt ? -1 : a.sentAt > b.sentAt ? 1 : 0;
}

/**
 * Merges messages into a list without duplicates: the same message id, or the same
 * clientMessageId as one of our optimistic entries, replaces the entry it matches (keeping its
 * render key so the row is not re-created).
 */
export function mergeMessages(current: ChatMessage[], incoming: ChatMessage[]): ChatMessage[] {
  if (!incoming.length) return current;
  const result = current.slice();
  const byId = new Map<string, number>();
  const byClientId = new Map<string, number>();
  result.forEach((m, i) => {
    if (m.id) byId.set(m.id, i);
    if (m.clientMessageId) byClientId.set(m.clientMessageId, i);
  });
  let appended = false;
  for (const m of incoming) {
    const at = (m.id ? byId.get(m.id) : undefined) ?? (m.clientMessageId ? byClientId.get(m.clientMessageId) : undefined);
    if (at === undefined) {
      result.push(m);
      const i = result.length - 1;
      if (m.id) byId.set(m.id, i);
      if (m.clientMessageId) byClientId.set(m.clientMessageId, i);
      appended = true;
      continue;
    }
    const existing = result[at]!;
    result[at] = {
      ...existing,
      ...m,
      key: existing.key,
      clientMessageId: m.clientMessageId ?? existing.clientMessageId,
      position: m.position ?? existing.position,
    };
    if (m.id) byId.set(m.id, at);
    if (existing.position !== result[at]!.position) appended = true;
  }
  if (appended && !isSorted(result)) result.sort(byLogOrder);
  return result;
}

function isSorted(list: ChatMessage[]): boolean {
  for (let i = 1; i < list.length; i++) if (byLogOrder(list[i - 1]!, list[i]!) > 0) return false;
  return true;
}

/**
 * Applies one reaction change. History gives counts (and whether I reacted); events name the
 * user, so the users seen in events are remembered to count each user once per emoji.
 */
export function withReaction(reactions: Reaction[], emoji: string, userId: string, me: string | null, added: boolean): Reaction[] {
  const list = reactions.map((r) => ({ ...r }));
  let r = list.find((x) => x.emoji === emoji);
  if (!r) {
    if (!added) return reactions;
    r = { emoji, count: 0, mine: false, userIds: [] };
    list.push(r);
  }
  const isMe = userId === me;
  const known = new Set(r.userIds ?? []);
  const counted = known.has(userId) || (isMe && r.mine);
  if (added && !counted) {
    r.count += 1;
    known.add(userId);
  } else if (!added && counted) {
    r.count -= 1;
    known.delete(userId);
  } else if (!added && !isMe) {
    // Not seen in an event: still counted if the history count holds reactors we cannot name.
    const named = known.size + (r.mine && me && !known.has(me) ? 1 : 0);
    if (r.count > named) r.count -= 1;
  }
  r.userIds = [...known];
  if (isMe) r.mine = added;
  return list.filter((x) => x.count > 0);
}
