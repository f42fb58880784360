import { watch } from 'vue';
import { api } from '../api';
import { messagesApi } from '../api/messages';
import { useRealtimeStore } from '../realtime/realtime.store';
import { useAuthStore } from '../stores/auth.store';
import { useDmsStore } from '../stores/dms.store';
import { useGroupsStore } from '../stores/groups.store';
import { useMessagesStore, type Thread } from '../stores/messages.store';
import { usePresenceStore } from '../stores/presence.store';
import { useUnreadStore } from '../stores/unread.store';
import { useUsersStore } from '../stores/users.store';

const DM_POLL_MS = 15_000;

/** The newest message of the main list: what an open conversation has been read up to. */
const newestShown = (t: Thread | undefined) => t?.items.findLast((m) => m.position && m.status === 'sent')?.position ?? null;

/**
 * Wires the realtime connection to the stores for the whole signed-in session: one
 * subscription per group of the user, events into the messages store, typing and presence
 * into the presence store, a resync into a history reload. Call once, from the app shell.
 */
export function useChatSync() {
  const auth = useAuthStore();
  const realtime = useRealtimeStore();
  const groups = useGroupsStore();
  const dms = useDmsStore();
  const messages = useMessagesStore();
  const presence = usePresenceStore();
  const users = useUsersStore();
  const unread = useUnreadStore();
  const offs: (() => void)[] = [];
  let dmPoll: number | undefined;
  const refreshDms = () => {
    if (document.visibilityState === 'visible') void dms.load().catch(() => undefined);
  };
  const readOnHide = () => {
    if (document.visibilityState === 'hidden') void unread.flush();
    else markActiveRead();
  };
  function markActiveRead() {
    const groupId = messages.activeGroupId;
    const newest = groupId && newestShown(messages.threads.get(groupId));
    if (groupId && newest && document.visibilityState === 'visible') unread.read(groupId, newest);
  }

  async function reload(groupId: string) {
    const page = await messagesApi.history(groupId, auth.userId);
    messages.receiveLatest(groupId, page.items, page.hasMore, true);
    realtime.resubscribe(groupId, messages.thread(groupId).lastPosition);
  }

  function begin() {
    messages.me = auth.userId;
    offs.push(
      realtime.on('event', (f) => {
        const senderId = typeof f.event.senderId === 'string' ? f.event.senderId : null;
        if (messages.applyEvent(f.groupId, f.position, f.event) && senderId) {
          void users.ensure(senderId);
          presence.stoppedTyping(f.groupId, senderId);
        }
      }),
      realtime.on('typing', (f) => {
        if (f.userId === auth.userId) return;
        presence.setTyping(f.groupId, f.userId);
        void users.ensure(f.userId);
      }),
      realtime.on('presence', (f) => {
        presence.setOnline(f.groupId, f.online);
        // More people online than members known: someone joined since the group was loaded.
        const known = groups.details.get(f.groupId);
        if (known && f.online.length > known.memberCount) void groups.load(f.groupId).catch(() => undefined);
      }),
      realtime.on('resync', (f) => {
        const ids = f.groupId ? [f.groupId] : realtime.subscribed();
        for (const id of ids) void reload(id).catch(() => undefined);
      }),
      // Every (re)connection reloads the counts: frames missed while away are in them.
      realtime.on('ready', () => void unread.load().catch(() => undefined)),
      realtime.on('unread', (f) => unread.apply(f.groupId, f)),
      realtime.on('threadUnread', (f) => unread.applyThread(f.threadId, f)),
      realtime.on('unsubscribed', (f) => {
        if (f.reason === 'client') return;
        void groups.loadMine().catch(() => undefined);
        void dms.load().catch(() => undefined);
      }),
    );
    realtime.start({ token: () => api.tokens.access(), refresh: () => api.refresh(), minPosition: () => api.minPositions.header() });
    void groups.loadMine().catch(() => undefined);
    void dms.load().catch(() => undefined);
    // Nothing live says someone opened a conversation with the caller: look again now and then, and on coming back to the tab.
    dmPoll = window.setInterval(refreshDms, DM_POLL_MS);
    document.addEventListener('visibilitychange', refreshDms);
    document.addEventListener('visibilitychange', readOnHide);
  }

  function end() {
    window.clearInterval(dmPoll);
    document.removeEventListener('visibilitychange', refreshDms);
    document.removeEventListener('visibilitychange', readOnHide);
    void unread.flush();
    unread.reset();
    dms.reset();
    offs.splice(0).forEach((off) => off());
    realtime.stop();
    messages.reset();
    presence.reset();
    groups.reset();
  }

  watch(
    () => auth.signedIn,
    (on, was) => {
      if (on && !was) begin();
      if (!on && was) end();
    },
    { immediate: true },
  );

  // Follow every group and direct conversation the user belongs to, so unread counts and resumes cover them all.
  watch(
    () => [...groups.myIds, ...dms.memberIds],
    (ids) => {
      if (!auth.signedIn) return;
      const want = new Set(ids);
      for (const id of realtime.subscribed()) if (!want.has(id)) realtime.unsubscribe(id);
      for (const id of ids) realtime.subscribe(id, messages.threads.get(id)?.lastPosition ?? null);
    },
  );

  // The open conversation is read up to its newest message while the tab is visible.
  watch(
    () => [messages.activeGroupId, newestShown(messages.activeGroupId ? messages.threads.get(messages.activeGroupId) : undefined)] as const,
    ([groupId], before) => {
      if (groupId && groupId !== before?.[0]) unread.open(groupId);
      markActiveRead();
    },
  );

  const online = () => realtime.retryNow();
  window.addEventListener('online', online);
  return () => {
    window.removeEventListener('online', online);
    end();
  };
}
