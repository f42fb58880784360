import { watch } from 'vue';
import type { ChatMessage } from '../stores/messages.merge';

/**
 * Calls `onArrival` once for each message of someone else that joins the list after its
 * history has loaded. History does not count: what the list holds when it has loaded, and older
 * pages later (they come in before every message already known), are taken as read.
 */
export function useArrivals(items: () => ChatMessage[], loaded: () => boolean, me: () => string | null, onArrival: (batch: ChatMessage[]) => void) {
  const known = new Set<string>();
  let seeded = false;
  watch(
    [items, loaded],
    ([list, ready]) => {
      if (!ready || !seeded) {
        for (const m of list) known.add(m.key);
        seeded = ready;
        return;
      }
      const firstKnown = list.findIndex((m) => known.has(m.key));
      const batch: ChatMessage[] = [];
      list.forEach((m, i) => {
        if (known.has(m.key)) return;
        known.add(m.key);
        if (i > firstKnown && m.senderId !== me() && m.status === 'sent' && !m.deleted) batch.push(m);
      });
      if (batch.length) onArrival(batch);
    },
    { immediate: true },
  );
}
