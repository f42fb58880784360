import { computed, onBeforeUnmount, ref, watch } from 'vue';
import { errorMessage } from '../api';
import { groupsApi } from '../api/groups';
import type { GroupSummary } from '../api/types';
import { latestRequest } from '../lib/latest';

/** Group discovery: text search with interest facets (debounced, stale answers dropped), paging, recommendations. */
export function useDiscover(initial: { q?: string; interests?: string[] } = {}) {
  const q = ref(initial.q ?? '');
  const interests = ref<string[]>(initial.interests ?? []);
  const results = ref<GroupSummary[]>([]);
  const facets = ref<{ value: string; count: number }[]>([]);
  const total = ref<number | null>(null);
  const cursor = ref<string | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);
  const recommended = ref<GroupSummary[]>([]);
  const recommendedLoading = ref(true);
  const latest = latestRequest();
  let timer: ReturnType<typeof setTimeout> | null = null;

  async function search(more = false) {
    const signal = latest.start();
    loading.value = true;
    error.value = null;
    try {
      const page = await groupsApi.search(
        { q: q.value.trim() || undefined, interest: interests.value, cursor: more ? (cursor.value ?? undefined) : undefined },
        signal,
      );
      if (signal.aborted) return;
      results.value = more ? [...results.value, ...page.items] : page.items;
      cursor.value = page.nextCursor ?? null;
      total.value = page.total ?? null;
      if (page.facets?.interests) facets.value = page.facets.interests;
    } catch (err) {
      if ((err as Error)?.name === 'AbortError') return;
      error.value = errorMessage(err);
    } finally {
      if (latest.isLatest(signal)) loading.value = false;
    }
  }

  async function loadRecommended() {
    recommendedLoading.value = true;
    try {
      recommended.value = await groupsApi.recommended();
    } catch {
      recommended.value = [];
    } finally {
      recommendedLoading.value = false;
    }
  }

  function toggleInterest(tag: string) {
    interests.value = interests.value.includes(tag) ? interests.value.filter((t) => t !== tag) : [...interests.value, tag];
  }

  watch(q, () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void search(), 250);
  });
  watch(interests, () => void search());
  onBeforeUnmount(() => {
    if (timer) clearTimeout(timer);
    latest.abort();
  });

  const chips = computed(() => {
    const seen = new Map<string, number | null>();
    for (const t of interests.value) seen.set(t, null);
    for (const f of facets.value) seen.set(f.value, f.count);
    return [...seen.entries()].map(([value, count]) => ({ value, count, selected: interests.value.includes(value) }));
  });

  void search();
  void loadRecommended();

  return { q, interests, results, chips, total, cursor, loading, error, recommended, recommendedLoading, search, toggleInterest };
}
