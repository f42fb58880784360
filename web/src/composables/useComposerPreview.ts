import { computed, onBeforeUnmount, ref, watch, type Ref } from 'vue';
import { firstLink } from '@groupchat/schemas/text-facts';

const SETTLE_MS = 400;

/**
 * The preview the composer shows of the first link being typed, once typing pauses, and the
 * sender's choice to send without it: `sendOptions()` says `linkPreview: false` while the
 * removed link is still the text's first one.
 */
export function useComposerPreview(text: Ref<string>) {
  const link = ref<string | null>(null);
  const removed = ref<string | null>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;
  watch(
    text,
    (value) => {
      clearTimeout(timer);
      timer = setTimeout(() => (link.value = firstLink(value)), SETTLE_MS);
    },
    { immediate: true },
  );
  onBeforeUnmount(() => clearTimeout(timer));

  return {
    /** The link to preview now, unless the sender removed it. */
    shown: computed(() => (link.value && link.value !== removed.value ? link.value : null)),
    remove() {
      removed.value = link.value;
    },
    sendOptions(): { linkPreview?: false } {
      const first = firstLink(text.value);
      return first && first === removed.value ? { linkPreview: false } : {};
    },
    reset() {
      link.value = null;
      removed.value = null;
    },
  };
}
