import { computed, ref, watch, type Ref } from 'vue';
import { errorMessage } from '../api';
import { conversationsApi } from '../api/conversations';
import type { Attachment, Message } from '../api/types';
import { useAuthStore } from '../stores/auth.store';
import { useRepliesStore } from '../stores/replies.store';
import { useUsersStore } from '../stores/users.store';
import { useMessageActions } from './useMessageActions';

/**
 * One reply thread for the thread panel: its root and replies (read again on open, older pages
 * on demand), sends with `threadId` shown at once as pending, and following. Live replies come
 * through the messages store, which routes a group's events to the replies store.
 */
export function useReplyThread(groupId: Ref<string>, rootId: Ref<string>) {
  const replies = useRepliesStore();
  const auth = useAuthStore();
  const actions = useMessageActions(() => groupId.value);
  const users = useUsersStore();
  const error = ref<string | null>(null);
  const loading = ref(false);

  const thread = computed(() => replies.thread(groupId.value, rootId.value));

  const know = (list: Message[]) => list.forEach((m) => void users.ensure(m.senderId));

  async function load() {
    const [gid, root] = [groupId.value, rootId.value];
    loading.value = true;
    error.value = null;
    try {
      const page = await conversationsApi.thread(gid, root, auth.userId);
      know([page.root, ...page.items]);
      replies.receive(gid, root, page);
    } catch (err) {
      error.value = errorMessage(err);
    } finally {
      loading.value = false;
    }
  }

  async function loadOlder() {
    const t = thread.value;
    const first = t.items.find((m) => m.position);
    if (!t.loaded || !t.hasOlder || t.loadingOlder || !first?.position) return;
    t.loadingOlder = true;
    try {
      const page = await conversationsApi.thread(t.groupId, t.rootId, auth.userId, { before: first.position });
      know(page.items);
      replies.receiveOlder(t.groupId, t.rootId, page.items, page.hasMore);
    } catch (err) {
      error.value = errorMessage(err);
    } finally {
      t.loadingOlder = false;
    }
  }

  /** Writers of a reply follow its thread. */
  function send(text: string, attachments: Attachment[], options: { linkPreview?: false } = {}) {
    replies.setFollowing(rootId.value, true);
    return actions.send(text, attachments, { ...options, threadId: rootId.value });
  }

  async function toggleFollow() {
    const t = thread.value;
    const was = !!t.following;
    replies.setFollowing(t.rootId, !was);
    try {
      await (was ? conversationsApi.unfollow(t.groupId, t.rootId) : conversationsApi.follow(t.groupId, t.rootId));
    } catch (err) {
      replies.setFollowing(t.rootId, was);
      error.value = errorMessage(err);
    }
  }

  watch([groupId, rootId], () => void load(), { immediate: true });

  return { thread, error, loading, load, loadOlder, send, toggleFollow };
}
