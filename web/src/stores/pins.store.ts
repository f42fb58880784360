import { defineStore } from 'pinia';
import { reactive } from 'vue';
import { conversationsApi, type PinnedMessage } from '../api/conversations';
import type { RawEvent } from './conversation.merge';

interface GroupPins {
  ids: Set<string>;
  /** The list as last read (GET /groups/:id/pins), newest pin first; null until read. */
  items: PinnedMessage[] | null;
  loading: boolean;
  error: string | null;
}

/** Pinned messages per group: which ids are pinned (the marker on a message) and the list of the Pinned panel. */
export const usePinsStore = defineStore('pins', () => {
  const groups = reactive(new Map<string, GroupPins>());
  const me = { id: null as string | null };

  function of(groupId: string): GroupPins {
    let g = groups.get(groupId);
    if (!g) {
      groups.set(groupId, { ids: new Set(), items: null, loading: false, error: null });
      g = groups.get(groupId)!;
    }
    return g;
  }

  async function load(groupId: string, userId: string | null) {
    me.id = userId;
    const g = of(groupId);
    g.loading = true;
    try {
      const items = await conversationsApi.pins(groupId, userId);
      g.items = items;
      g.ids = new Set(items.map((m) => m.id));
      g.error = null;
    } catch (err) {
      g.error = err instanceof Error ? err.message : String(err);
    } finally {
      g.loading = false;
    }
  }

  const isPinned = (groupId: string, messageId: string) => !!messageId && (groups.get(groupId)?.ids.has(messageId) ?? false);

  function mark(groupId: string, messageId: string, pinned: boolean) {
    const g = of(groupId);
    const ids = new Set(g.ids);
    if (pinned) ids.add(messageId);
    else ids.delete(messageId);
    g.ids = ids;
    if (!pinned && g.items) g.items = g.items.filter((m) => m.id !== messageId);
  }

  /** A live MessagePinned/Unpinned: the marker changes at once; a list already read is read again for the new pin's details. */
  function apply(groupId: string, event: RawEvent) {
    if (event.type !== 'MessagePinned' && event.type !== 'MessageUnpinned') {
      if (event.type === 'MessageDeleted') mark(groupId, String(event.messageId ?? ''), false);
      return;
    }
    const pinned = event.type === 'MessagePinned';
    mark(groupId, String(event.messageId ?? ''), pinned);
    if (pinned && groups.get(groupId)?.items) void load(groupId, me.id);
  }

  function reset() {
    groups.clear();
  }

  return { groups, of, load, isPinned, mark, apply, reset };
});
