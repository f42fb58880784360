import { onBeforeUnmount, ref, watch } from 'vue';
import { errorMessage } from '../api';
import { messagesApi, type MessageHit } from '../api/messages';
import { latestRequest } from '../lib/latest';

/**
 * Full-text search over one group's messages (no group: all the caller's groups and DMs): debounced while typing, stale answers dropped,
 * paged by cursor. `searched` is the text the shown results answer, for the empty state.
 */
export function useMessageSearch(groupId: () => string | undefined, { debounceMs = 250, limit = 20 } = {}) {
  const q = ref('');
  const results = ref<MessageHit[]>([]);
  const total = ref<number | null>(null);
  const cursor = ref<string | null>(null);
  const searched = ref<string | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);
  const latest = latestRequest();
  let timer: ReturnType<typeof setTimeout> | null = null;

  function reset() {
    latest.abort();
    results.value = [];
    total.value = null;
    cursor.value = null;
    searched.value = null;
    loading.value = false;
    error.value = null;
  }

  async function search(more = false) {
    if (timer && !more) clearTimeout(timer);
    // More results continue the search on show, not what has been typed since.
    const text = more ? searched.value : q.value.trim();
    if (!text) return reset();
    if (more && !cursor.value) return;
    const signal = latest.start();
    loading.value = true;
    error.value = null;
    try {
      const page = await messagesApi.search(text, { groupId: groupId(), cursor: more ? cursor.value! : undefined, limit, signal });
      if (signal.aborted) return;
      results.value = more ? [...results.value, ...page.items] : page.items;
      cursor.value = page.nextCursor ?? null;
      total.value = page.total ?? null;
      searched.value = text;
    } catch (err) {
      if (signal.aborted) return;
      error.value = errorMessage(err);
    } finally {
      if (latest.isLatest(signal)) loading.value = false;
    }
  }

  watch(q, () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void search(), debounceMs);
  });
  watch(groupId, () => {
    q.value = '';
    reset();
  });
  onBeforeUnmount(() => {
    if (timer) clearTimeout(timer);
    latest.abort();
  });

  return { q, results, total, cursor, searched, loading, error, search, reset };
}
