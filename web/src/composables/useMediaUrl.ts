import { onBeforeUnmount, ref, watch, type Ref } from 'vue';
import { fetchMedia } from '../api/media';

interface Entry {
  url: Promise<string>;
  refs: number;
  idleSince: number;
}

const cache = new Map<string, Entry>();
const KEEP_IDLE = 150;

/**
 * Media needs the access token, which an <img src> cannot send: fetch it as a blob and show
 * an object URL. URLs are shared and reference-counted, so scrolling the virtual list back
 * and forth does not refetch; idle ones beyond a small pool are revoked.
 */
function acquire(key: string, load: () => Promise<Blob>): Promise<string> {
  let e = cache.get(key);
  if (!e) {
    e = { url: load().then((b) => URL.createObjectURL(b)), refs: 0, idleSince: 0 };
    cache.set(key, e);
    e.url.catch(() => cache.delete(key));
  }
  e.refs += 1;
  return e.url;
}

function release(key: string) {
  const e = cache.get(key);
  if (!e) return;
  e.refs -= 1;
  if (e.refs > 0) return;
  e.idleSince = Date.now();
  const idle = [...cache.entries()].filter(([, v]) => v.refs <= 0).sort((a, b) => a[1].idleSince - b[1].idleSince);
  for (const [k, v] of idle.slice(0, Math.max(0, idle.length - KEEP_IDLE))) {
    cache.delete(k);
    void v.url.then(
      (u) => URL.revokeObjectURL(u),
      () => undefined,
    );
  }
}

export function useMediaUrl(mediaId: Ref<string | null | undefined>, thumbnail: Ref<boolean> | boolean = false, enabled: Ref<boolean> = ref(true)) {
  const thumb = () => (typeof thumbnail === 'boolean' ? thumbnail : thumbnail.value);
  return useSharedObjectUrl(
    () => (mediaId.value && enabled.value ? `${mediaId.value}:${thumb() ? 't' : 'f'}` : null),
    () => fetchMedia(mediaId.value!, thumb()),
  );
}

/**
 * An object URL of any bytes the API serves with the token (a link preview's image, say),
 * shared and reference-counted with the media ones; `key` names the bytes, null shows none.
 */
export function useSharedObjectUrl(key: () => string | null, load: (key: string) => Promise<Blob>) {
  const url = ref<string | null>(null);
  const failed = ref(false);
  const loading = ref(false);
  let held: string | null = null;

  function drop() {
    if (held) release(held);
    held = null;
  }

  watch(
    key,
    async (k) => {
      drop();
      url.value = null;
      failed.value = false;
      if (!k) return;
      held = k;
      loading.value = true;
      try {
        const u = await acquire(k, () => load(k));
        if (held === k) url.value = u;
      } catch {
        if (held === k) failed.value = true;
      } finally {
        loading.value = false;
      }
    },
    { immediate: true },
  );
  onBeforeUnmount(drop);

  return { url, failed, loading };
}
