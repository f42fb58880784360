import { api } from './index';
import { enc } from './groups';
import { toMessage } from './normalize';
import type { Message } from './types';

export interface HistoryPage {
  items: Message[];
  /** Whether older messages exist before the first item. */
  hasMore: boolean;
}

export interface SendInput {
  clientMessageId: string;
  text?: string;
  attachments?: string[];
  /** Ids of the members the text mentions by @username (lib/mentions). */
  mentions?: string[];
  /** false: no preview of the text's first link (the server previews it otherwise). */
  linkPreview?: false;
  /** The message this one answers, quoted. */
  replyTo?: string;
  /** The root of the thread this is a reply in. */
  threadId?: string;
}

/** A message found by search; `highlight` fragments are HTML-escaped with `<mark>` around hits (see lib/highlight). */
export interface MessageHit {
  id: string;
  groupId: string;
  senderId: string;
  text: string | null;
  sentAt: string;
  editedAt: string | null;
  position: string | null;
  highlight: string[];
  score: number | null;
}

export interface MessageSearchPage {
  items: MessageHit[];
  total: number;
  nextCursor: string | null;
}

export interface MessageSearchOptions {
  groupId?: string;
  cursor?: string;
  limit?: number;
  signal?: AbortSignal;
}

export const messagesApi = {
  search: (q: string, o: MessageSearchOptions = {}) =>
    api.get<MessageSearchPage>('/search/messages', { q, groupId: o.groupId, cursor: o.cursor, limit: o.limit ?? 20 }, o.signal),
  async history(groupId: string, me: string | null, q: { before?: string; after?: string; limit?: number } = {}): Promise<HistoryPage> {
    const limit = q.limit ?? 50;
    const res = await api.get<{ items: Record<string, unknown>[]; hasMore?: boolean; nextCursor?: string | null; prevCursor?: string | null }>(
      `/groups/${enc(groupId)}/messages`,
      { ...q, limit },
    );
    const items = res.items.map((m) => toMessage(m, me));
    const hasMore = typeof res.hasMore === 'boolean' ? res.hasMore : res.prevCursor !== undefined ? !!res.prevCursor : items.length >= limit;
    return { items, hasMore };
  },
  send: (groupId: string, input: SendInput) => api.post<{ messageId: string; position: string }>(`/groups/${enc(groupId)}/messages`, input),
  edit: (groupId: string, messageId: string, text: string, mentions: string[] = []) =>
    api.patch<{ position: string }>(`/groups/${enc(groupId)}/messages/${enc(messageId)}`, { text, ...(mentions.length ? { mentions } : {}) }),
  remove: (groupId: string, messageId: string) => api.del<{ position: string }>(`/groups/${enc(groupId)}/messages/${enc(messageId)}`),
  /** Undo a moderator's removal of someone else's message, within a day (moderators and up). */
  restore: (groupId: string, messageId: string) => api.post<{ position: string }>(`/groups/${enc(groupId)}/messages/${enc(messageId)}/restore`),
  removeLinkPreview: (groupId: string, messageId: string) => api.del<{ position: string }>(`/groups/${enc(groupId)}/messages/${enc(messageId)}/link-preview`),
  react: (groupId: string, messageId: string, emoji: string) =>
    api.post<{ position: string }>(`/groups/${enc(groupId)}/messages/${enc(messageId)}/reactions/${enc(emoji)}`),
  unreact: (groupId: string, messageId: string, emoji: string) =>
    api.del<{ position: string }>(`/groups/${enc(groupId)}/messages/${enc(messageId)}/reactions/${enc(emoji)}`),
};
