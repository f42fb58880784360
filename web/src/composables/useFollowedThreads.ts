import { ref } from 'vue';
import { errorMessage } from '../api';
import { conversationsApi, type FollowedThread } from '../api/conversations';
import { useAuthStore } from '../stores/auth.store';
import { useUnreadStore } from '../stores/unread.store';
import { useUsersStore } from '../stores/users.store';

/** The threads the caller follows (GET /me/threads), most recent reply first; their counts go to the unread store, which frames keep live. */
export function useFollowedThreads() {
  const auth = useAuthStore();
  const users = useUsersStore();
  const unread = useUnreadStore();
  const items = ref<FollowedThread[]>([]);
  const loaded = ref(false);
  const loading = ref(false);
  const error = ref<string | null>(null);

  async function load() {
    loading.value = true;
    error.value = null;
    try {
      items.value = await conversationsApi.followed(auth.userId);
      unread.setThreads(items.value);
      items.value.forEach((m) => void users.ensure(m.senderId));
      loaded.value = true;
    } catch (err) {
      error.value = errorMessage(err);
    } finally {
      loading.value = false;
    }
  }

  return { items, loaded, loading, error, load };
}
