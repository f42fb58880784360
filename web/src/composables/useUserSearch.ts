import { onBeforeUnmount, ref, watch } from 'vue';
import { errorMessage } from '../api';
import type { User } from '../api/types';
import { usersApi } from '../api/users';

const MIN_CHARS = 2;
const DEBOUNCE_MS = 250;

/** People found by (partial) name as the query is typed: searched once typing pauses, from two characters on. */
export function useUserSearch() {
  const q = ref('');
  const found = ref<User[]>([]);
  const error = ref<string | null>(null);
  let timer: ReturnType<typeof setTimeout> | null = null;

  watch(q, (text) => {
    if (timer) clearTimeout(timer);
    if (text.trim().length < MIN_CHARS) {
      found.value = [];
      return;
    }
    timer = setTimeout(async () => {
      try {
        found.value = await usersApi.search(text.trim());
      } catch (err) {
        error.value = errorMessage(err);
      }
    }, DEBOUNCE_MS);
  });
  onBeforeUnmount(() => timer && clearTimeout(timer));

  /** Whether the query is long enough that an empty result means nobody matched. */
  const searched = () => q.value.trim().length >= MIN_CHARS;
  return { q, found, error, searched };
}
