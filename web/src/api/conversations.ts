import { api } from './index';
import { enc } from './groups';
import { toMessage, toTimestamp } from './normalize';
import type { Message } from './types';

type Raw = Record<string, unknown>;

/** A history page centred on one message (a permalink); `anchor.threadId` set: it is a reply in that thread. */
export interface AroundPage {
  items: Message[];
  hasMore: boolean;
  hasMoreAfter: boolean;
  anchor: { messageId: string; threadId: string | null };
}

/** A thread: its root, a page of replies (oldest first), and whether the caller follows it. */
export interface ThreadPage {
  root: Message;
  following: boolean;
  items: Message[];
  hasMore: boolean;
}

/** A thread root the caller follows, with its unread replies and the caller's marker in it. */
export type FollowedThread = Message & { unread: number; marker: string | null };

export type PinnedMessage = Message & { pinnedBy: string | null; pinnedAt: string };

const path = (groupId: string, ...rest: string[]) => `/groups/${enc(groupId)}/${rest.map(enc).join('/')}`;

/** Replies, threads, pins and permalinks (issue #18). */
export const conversationsApi = {
  async around(groupId: string, messageId: string, me: string | null, limit = 50): Promise<AroundPage> {
    const res = await api.get<{ items: Raw[]; hasMore: boolean; hasMoreAfter?: boolean; anchor?: AroundPage['anchor'] }>(`/groups/${enc(groupId)}/messages`, {
      around: messageId,
      limit,
    });
    return {
      items: res.items.map((m) => toMessage(m, me)),
      hasMore: res.hasMore,
      hasMoreAfter: res.hasMoreAfter ?? false,
      anchor: res.anchor ?? { messageId, threadId: null },
    };
  },
  async thread(groupId: string, rootId: string, me: string | null, q: { before?: string; limit?: number } = {}): Promise<ThreadPage> {
    const res = await api.get<{ root: Raw; following: boolean; items: Raw[]; hasMore: boolean }>(path(groupId, 'threads', rootId, 'messages'), {
      ...q,
      limit: q.limit ?? 50,
    });
    return { root: toMessage(res.root, me), following: res.following, items: res.items.map((m) => toMessage(m, me)), hasMore: res.hasMore };
  },
  follow: (groupId: string, rootId: string) => api.put<{ position: string }>(path(groupId, 'threads', rootId, 'follow')),
  unfollow: (groupId: string, rootId: string) => api.del<{ position: string }>(path(groupId, 'threads', rootId, 'follow')),
  async followed(me: string | null): Promise<FollowedThread[]> {
    const res = await api.get<{ items: Raw[] }>('/me/threads', { limit: 50 });
    return res.items.map((m) => ({
      ...toMessage(m, me),
      unread: typeof m.unread === 'number' ? m.unread : 0,
      marker: typeof m.marker === 'string' ? m.marker : null,
    }));
  },
  async pins(groupId: string, me: string | null): Promise<PinnedMessage[]> {
    const res = await api.get<{ items: Raw[] }>(path(groupId, 'pins'));
    return res.items.map((m) => ({ ...toMessage(m, me), pinnedBy: typeof m.pinnedBy === 'string' ? m.pinnedBy : null, pinnedAt: toTimestamp(m.pinnedAt) }));
  },
  pin: (groupId: string, messageId: string) => api.put<{ position: string }>(path(groupId, 'pins', messageId)),
  unpin: (groupId: string, messageId: string) => api.del<{ position: string }>(path(groupId, 'pins', messageId)),
};
