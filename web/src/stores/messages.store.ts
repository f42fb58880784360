import { defineStore } from 'pinia';
import { ref, shallowReactive } from 'vue';
import type { Message } from '../api/types';
import { isAfter, laterOf } from '../lib/position';
import { changeOf, eventTime, fromSentEvent, withQuoteDeleted, withReplyCounted } from './conversation.merge';
import { byLogOrder, fromServer, mergeMessages, pendingMessage, type ChatMessage, type PendingInput } from './messages.merge';
import { usePinsStore } from './pins.store';
import { useRepliesStore } from './replies.store';

export interface Thread {
  items: ChatMessage[];
  hasOlder: boolean;
  loaded: boolean;
  loadingOlder: boolean;
  /** Newest log position reflected in `items` (history or live event). */
  lastPosition: string | null;
}

export interface RealtimeEvent {
  type: string;
  [field: string]: unknown;
}

/**
 * Messages per group. Threads are shallowly reactive and their lists replaced on change: with
 * 10,000 rows deep reactivity would cost more than the rendering it saves.
 */
export const useMessagesStore = defineStore('messages', () => {
  const threads = shallowReactive(new Map<string, Thread>());
  const activeGroupId = ref<string | null>(null);
  const me = ref<string | null>(null);
  const replies = useRepliesStore();
  const pins = usePinsStore();

  function thread(groupId: string): Thread {
    let t = threads.get(groupId);
    if (!t) {
      t = shallowReactive<Thread>({ items: [], hasOlder: true, loaded: false, loadingOlder: false, lastPosition: null });
      threads.set(groupId, t);
    }
    return t;
  }

  function set(t: Thread, next: ChatMessage[]) {
    t.items = next;
  }

  function newestPosition(list: Message[]): string | null {
    return list.reduce<string | null>((acc, m) => (m.position ? laterOf(acc, m.position) : acc), null);
  }

  /** The newest page (first load, or reload after a resync). */
  function receiveLatest(groupId: string, items: Message[], hasOlder: boolean, replace = false) {
    const t = thread(groupId);
    const ours = replace ? t.items.filter((m) => m.status !== 'sent') : t.items;
    set(t, mergeMessages(ours, items.map(fromServer)));
    if (!t.loaded || replace) t.hasOlder = hasOlder;
    t.loaded = true;
    t.lastPosition = replace ? newestPosition(items) : laterOf(t.lastPosition, newestPosition(items));
  }

  function receiveOlder(groupId: string, items: Message[], hasOlder: boolean) {
    const t = thread(groupId);
    set(t, mergeMessages(t.items, items.map(fromServer)));
    t.hasOlder = hasOlder;
  }

  function receiveNewer(groupId: string, items: Message[]) {
    const t = thread(groupId);
    set(t, mergeMessages(t.items, items.map(fromServer)));
    t.lastPosition = laterOf(t.lastPosition, newestPosition(items));
  }

  function update(groupId: string, messageId: string, change: (m: ChatMessage) => ChatMessage): boolean {
    const t = threads.get(groupId);
    if (!t) return false;
    const list = t.items;
    const i = list.findIndex((m) => m.id === messageId);
    if (i < 0) return false;
    const next = list.slice();
    next[i] = change(list[i]!);
    set(t, next);
    return true;
  }

  /**
   * One event of the message log, in log order. An event at or before the newest position
   * already applied is a replay and is ignored, so a resume never doubles anything.
   */
  function applyEvent(groupId: string, position: string, event: RealtimeEvent): boolean {
    const t = thread(groupId);
    if (t.lastPosition && !isAfter(position, t.lastPosition)) return false;
    t.lastPosition = position;
    const messageId = String(event.messageId ?? '');
    const at = eventTime(event);
    const loaded = (id: string) => t.items.find((m) => m.id === id) ?? replies.find(groupId, id);
    replies.apply(groupId, position, event, me.value, loaded);
    pins.apply(groupId, event, loaded);
    switch (event.type) {
      case 'MessageSent': {
        const message = fromSentEvent(groupId, position, event, loaded);
        // A reply in a thread is listed in its thread; the main list only counts it on the root.
        set(t, message.threadId ? withReplyCounted(t.items, message.threadId, 1, at) : mergeMessages(t.items, [message]));
        return true;
      }
      case 'MessageDeleted': {
        const root = replies.threadOf(messageId);
        if (root) set(t, withReplyCounted(t.items, root, -1, at));
        set(t, withQuoteDeleted(t.items, messageId));
        return update(groupId, messageId, changeOf(event, me.value)!) || !!root;
      }
      case 'MessageRestored': {
        const root = typeof event.threadId === 'string' ? event.threadId : null;
        if (root) set(t, withReplyCounted(t.items, root, 1, at));
        return update(groupId, messageId, changeOf(event, me.value)!) || !!root;
      }
      default: {
        const change = changeOf(event, me.value);
        return change ? update(groupId, messageId, change) : false;
      }
    }
  }

  function addPending(groupId: string, p: PendingInput): ChatMessage {
    const t = thread(groupId);
    const entry = pendingMessage(groupId, me.value ?? '', p);
    set(t, [...t.items, entry]);
    return entry;
  }

  function setStatus(groupId: string, clientMessageId: string, patch: Partial<ChatMessage>) {
    const t = threads.get(groupId);
    if (!t) return;
    const list = t.items;
    const i = list.findIndex((m) => m.clientMessageId === clientMessageId);
    if (i < 0) return;
    const current = list[i]!;
    // An event may already have confirmed it with a position; the answer must not undo that.
    if (current.status === 'sent' && current.position && patch.status !== 'sent') return;
    const next = list.slice();
    next[i] = { ...current, ...patch, position: current.position ?? patch.position ?? null, id: current.id || patch.id || '' };
    if (patch.position) next.sort(byLogOrder);
    set(t, next);
  }

  function markSent(groupId: string, clientMessageId: string, messageId: string, position: string | null) {
    setStatus(groupId, clientMessageId, { status: 'sent', id: messageId, position, error: undefined });
  }

  function markFailed(groupId: string, clientMessageId: string, error: string) {
    setStatus(groupId, clientMessageId, { status: 'failed', error });
  }

  function markPending(groupId: string, clientMessageId: string) {
    setStatus(groupId, clientMessageId, { status: 'pending', error: undefined });
  }

  function discard(groupId: string, clientMessageId: string) {
    const t = threads.get(groupId);
    if (t)
      set(
        t,
        t.items.filter((m) => m.clientMessageId !== clientMessageId || m.status === 'sent'),
      );
  }

  function open(groupId: string | null) {
    activeGroupId.value = groupId;
  }

  function forget(groupId: string) {
    threads.delete(groupId);
  }

  function reset() {
    threads.clear();
    replies.reset();
    pins.reset();
    activeGroupId.value = null;
  }

  return {
    threads,
    activeGroupId,
    me,
    thread,
    receiveLatest,
    receiveOlder,
    receiveNewer,
    applyEvent,
    update,
    addPending,
    markSent,
    markFailed,
    markPending,
    discard,
    open,
    forget,
    reset,
  };
});
