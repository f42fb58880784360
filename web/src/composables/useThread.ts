import { computed, onBeforeUnmount, ref, watch, type Ref } from 'vue';
import { errorMessage } from '../api';
import { messagesApi } from '../api/messages';
import { useRealtimeStore } from '../realtime/realtime.store';
import { useAuthStore } from '../stores/auth.store';
import { useMessagesStore } from '../stores/messages.store';
import { useUsersStore } from '../stores/users.store';
import type { Message } from '../api/types';

/** One group's history: the newest page on open, older pages on demand, read state. */
export function useThread(groupId: Ref<string>, enabled: Ref<boolean>) {
  const store = useMessagesStore();
  const realtime = useRealtimeStore();
  const auth = useAuthStore();
  const users = useUsersStore();
  const error = ref<string | null>(null);
  const loading = ref(false);

  const thread = computed(() => store.thread(groupId.value));
  const items = computed(() => thread.value.items);

  function rememberSenders(list: Message[]) {
    for (const m of list) {
      if (m.sender) users.remember({ id: m.senderId, username: m.sender.username, displayName: m.sender.displayName, avatarMediaId: m.sender.avatarMediaId });
      else void users.ensure(m.senderId);
    }
  }

  async function loadLatest() {
    const id = groupId.value;
    loading.value = true;
    error.value = null;
    try {
      const page = await messagesApi.history(id, auth.userId);
      rememberSenders(page.items);
      store.receiveLatest(id, page.items, page.hasMore);
      realtime.subscribe(id, store.thread(id).lastPosition);
    } catch (err) {
      error.value = errorMessage(err);
    } finally {
      loading.value = false;
    }
  }

  async function loadOlder() {
    const id = groupId.value;
    const t = store.thread(id);
    const first = t.items.find((m) => m.position);
    if (!t.loaded || !t.hasOlder || t.loadingOlder || !first?.position) return;
    t.loadingOlder = true;
    try {
      const page = await messagesApi.history(id, auth.userId, { before: first.position });
      rememberSenders(page.items);
      store.receiveOlder(id, page.items, page.hasMore);
    } catch (err) {
      error.value = errorMessage(err);
    } finally {
      t.loadingOlder = false;
    }
  }

  watch(
    [groupId, enabled],
    ([id, on]) => {
      store.open(id);
      if (on && !store.thread(id).loaded && !loading.value) void loadLatest();
    },
    { immediate: true },
  );
  onBeforeUnmount(() => store.open(null));

  return { thread, items, error, loading, loadLatest, loadOlder };
}
