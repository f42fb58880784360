import { defineStore } from 'pinia';
import { reactive, ref, shallowReactive } from 'vue';
import type { Attachment, Message } from '../api/types';
import { mentioning } from '../api/normalize';
import { isAfter, laterOf } from '../lib/position';
import { byLogOrder, fromServer, mergeMessages, withReaction, type ChatMessage } from './messages.merge';

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
  const unread = reactive<Record<string, number>>({});
  const activeGroupId = ref<string | null>(null);
  const me = ref<string | null>(null);

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
    const at =
      typeof event.occurredAt === 'number' || typeof event.occurredAt === 'string'
        ? new Date(Number(event.occurredAt) || String(event.occurredAt)).toISOString()
        : new Date().toISOString();
    switch (event.type) {
      case 'MessageSent': {
        const senderId = String(event.senderId ?? '');
        const message: ChatMessage = fromServer({
          id: messageId,
          groupId,
          senderId,
          text: typeof event.text === 'string' ? event.text : null,
          attachments: Array.isArray(event.attachments) ? (event.attachments as Attachment[]) : [],
          sentAt: at,
          editedAt: null,
          deleted: false,
          reactions: [],
          position,
          clientMessageId: typeof event.clientMessageId === 'string' ? event.clientMessageId : undefined,
          linkPreview: typeof event.linkPreview === 'string' ? event.linkPreview : null,
          ...mentioning(event),
        });
        set(t, mergeMessages(t.items, [message]));
        if (groupId !== activeGroupId.value && senderId !== me.value) unread[groupId] = (unread[groupId] ?? 0) + 1;
        return true;
      }
      case 'MessageEdited':
        return update(groupId, messageId, (m) => ({
          ...m,
          text: typeof event.text === 'string' ? event.text : m.text,
          editedAt: at,
          ...(Array.isArray(event.mentions) ? mentioning(event) : {}),
        }));
      case 'LinkPreviewRemoved':
        return update(groupId, messageId, (m) => ({ ...m, linkPreview: null }));
      case 'MessageDeleted':
        return update(groupId, messageId, (m) => ({ ...m, deleted: true, text: null, attachments: [], reactions: [] }));
      case 'ReactionAdded':
      case 'ReactionRemoved':
        return update(groupId, messageId, (m) => ({
          ...m,
          reactions: withReaction(m.reactions, String(event.emoji), String(event.userId), me.value, event.type === 'ReactionAdded'),
        }));
      default:
        return false;
    }
  }

  function addPending(
    groupId: string,
    p: { clientMessageId: string; text: string | null; attachments: Attachment[]; linkPreview?: string | null },
  ): ChatMessage {
    const t = thread(groupId);
    const entry: ChatMessage = {
      id: '',
      key: p.clientMessageId,
      groupId,
      senderId: me.value ?? '',
      text: p.text,
      attachments: p.attachments,
      sentAt: new Date().toISOString(),
      editedAt: null,
      deleted: false,
      reactions: [],
      position: null,
      clientMessageId: p.clientMessageId,
      linkPreview: p.linkPreview ?? null,
      status: 'pending',
    };
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
    if (groupId) unread[groupId] = 0;
  }

  function forget(groupId: string) {
    threads.delete(groupId);
    delete unread[groupId];
  }

  function reset() {
    threads.clear();
    for (const k of Object.keys(unread)) delete unread[k];
    activeGroupId.value = null;
  }

  return {
    threads,
    unread,
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
