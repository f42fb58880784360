import { defineStore } from 'pinia';
import { shallowReactive } from 'vue';
import type { Message } from '../api/types';
import { changeOf, fromSentEvent, withQuoteDeleted, type RawEvent } from './conversation.merge';
import { fromServer, mergeMessages, pendingMessage, type ChatMessage, type PendingInput } from './messages.merge';

/** One reply thread: its root and replies, oldest first, paged on its own. */
export interface ReplyThread {
  groupId: string;
  rootId: string;
  root: ChatMessage | null;
  items: ChatMessage[];
  hasOlder: boolean;
  loaded: boolean;
  loadingOlder: boolean;
  /** null until the thread has been read. */
  following: boolean | null;
}

/**
 * Reply threads (threadId on MessageSent), kept apart from the groups' histories: the main list
 * shows roots only. Fed by the messages store, which routes every live event of a group here.
 */
export const useRepliesStore = defineStore('replies', () => {
  const threads = shallowReactive(new Map<string, ReplyThread>());

  function thread(groupId: string, rootId: string): ReplyThread {
    let t = threads.get(rootId);
    if (!t) {
      t = shallowReactive<ReplyThread>({ groupId, rootId, root: null, items: [], hasOlder: true, loaded: false, loadingOlder: false, following: null });
      threads.set(rootId, t);
    }
    return t;
  }

  function receive(groupId: string, rootId: string, page: { root: Message; items: Message[]; hasMore: boolean; following: boolean }) {
    const t = thread(groupId, rootId);
    t.root = fromServer(page.root);
    t.items = mergeMessages(t.items, page.items.map(fromServer));
    t.hasOlder = page.hasMore;
    t.following = page.following;
    t.loaded = true;
  }

  function receiveOlder(groupId: string, rootId: string, items: Message[], hasOlder: boolean) {
    const t = thread(groupId, rootId);
    t.items = mergeMessages(t.items, items.map(fromServer));
    t.hasOlder = hasOlder;
  }

  /** A loaded message of the group by id (root or reply), for quotes of live replies. */
  function find(groupId: string, messageId: string): ChatMessage | undefined {
    for (const t of threads.values()) {
      if (t.groupId !== groupId) continue;
      if (t.root?.id === messageId) return t.root;
      const m = t.items.find((x) => x.id === messageId);
      if (m) return m;
    }
    return undefined;
  }

  /** The thread a loaded reply is in. */
  function threadOf(messageId: string): string | null {
    for (const t of threads.values()) if (t.items.some((m) => m.id === messageId)) return t.rootId;
    return null;
  }

  /** One live event of the group, already checked for replay by the messages store. */
  function apply(groupId: string, position: string, event: RawEvent, me: string | null, parentOf: (id: string) => Message | undefined) {
    if (event.type === 'MessageSent' && typeof event.threadId === 'string') {
      // Kept even for a thread not read yet: a read answered by a read model behind this event misses it.
      const t = thread(groupId, event.threadId);
      t.items = mergeMessages(t.items, [fromSentEvent(groupId, position, event, parentOf)]);
      return;
    }
    if ((event.type === 'ThreadFollowed' || event.type === 'ThreadUnfollowed') && event.userId === me && typeof event.threadId === 'string') {
      const t = threads.get(event.threadId);
      if (t) t.following = event.type === 'ThreadFollowed';
      return;
    }
    const change = changeOf(event, me);
    const id = String(event.messageId ?? '');
    if (!change || !id) return;
    update(groupId, id, change);
    if (event.type === 'MessageDeleted') for (const t of threads.values()) if (t.groupId === groupId) t.items = withQuoteDeleted(t.items, id);
  }

  /** Changes a message wherever a thread shows it (as root or reply); an optimistic edit, reaction or deletion too. */
  function update(groupId: string, messageId: string, change: (m: ChatMessage) => ChatMessage) {
    for (const t of threads.values()) {
      if (t.groupId !== groupId) continue;
      if (t.root?.id === messageId) t.root = change(t.root);
      const i = t.items.findIndex((m) => m.id === messageId);
      if (i >= 0) t.items = t.items.map((m, j) => (j === i ? change(m) : m));
    }
  }

  function addPending(groupId: string, rootId: string, senderId: string, p: PendingInput) {
    const t = thread(groupId, rootId);
    t.items = [...t.items, pendingMessage(groupId, senderId, { ...p, threadId: rootId })];
  }

  function settle(rootId: string, clientMessageId: string, patch: Partial<ChatMessage>) {
    const t = threads.get(rootId);
    if (!t) return;
    t.items = t.items.map((m) =>
      m.clientMessageId === clientMessageId && !(m.status === 'sent' && m.position) ? { ...m, ...patch, id: m.id || patch.id || '' } : m,
    );
  }

  function discard(rootId: string, clientMessageId: string) {
    const t = threads.get(rootId);
    if (t) t.items = t.items.filter((m) => m.clientMessageId !== clientMessageId || m.status === 'sent');
  }

  function setFollowing(rootId: string, on: boolean) {
    const t = threads.get(rootId);
    if (t) t.following = on;
  }

  function reset() {
    threads.clear();
  }

  return { threads, thread, receive, receiveOlder, find, threadOf, apply, update, addPending, settle, discard, setFollowing, reset };
});
