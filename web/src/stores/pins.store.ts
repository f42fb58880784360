import { defineStore } from 'pinia';
import { reactive } from 'vue';
import { conversationsApi, type PinnedMessage } from '../api/conversations';
import type { Message } from '../api/types';
import { eventTime, type RawEvent } from './conversation.merge';

interface GroupPins {
  ids: Set<string>;
  /** The list as last read (GET /groups/:id/pins), newest pin first; null until read. */
  items: PinnedMessage[] | null;
  loading: boolean;
  error: string | null;
  /**
   * Pins and unpins seen live and not yet in a list read: a read model behind the event must not
   * undo them. A pin keeps the message when it was loaded (null when not); false is an unpin.
   */
  live: Map<string, PinnedMessage | null | false>;
}

/** Pinned messages per group: which ids are pinned (the marker on a message) and the list of the Pinned panel. */
export const usePinsStore = defineStore('pins', () => {
  const groups = reactive(new Map<string, GroupPins>());
  const me = { id: null as string | null };

  function of(groupId: string): GroupPins {
    let g = groups.get(groupId);
    if (!g) {
      groups.set(groupId, { ids: new Set(), items: null, loading: false, error: null, live: new Map() });
      g = groups.get(groupId)!;
    }
    return g;
  }

  async function load(groupId: string, userId: string | null) {
    me.id = userId;
    const g = of(groupId);
    g.loading = true;
    try {
      const read = await conversationsApi.pins(groupId, userId);
      const has = new Set(read.map((m) => m.id));
      const ahead: PinnedMessage[] = [];
      const marked = new Set<string>();
      for (const [id, pin] of g.live) {
        // The read has caught up with the event: nothing left to keep.
        if (pin === false ? !has.has(id) : has.has(id)) g.live.delete(id);
        else if (pin) ahead.push(pin);
        if (pin !== false && g.live.has(id)) marked.add(id);
      }
      g.items = [...ahead, ...read.filter((m) => g.live.get(m.id) !== false)];
      g.ids = new Set([...g.items.map((m) => m.id), ...marked]);
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

  /** A live MessagePinned/Unpinned: the marker changes at once, and a list already read gains the message as loaded. */
  function apply(groupId: string, event: RawEvent, find: (id: string) => Message | undefined) {
    const id = String(event.messageId ?? '');
    if (event.type === 'MessageDeleted') return mark(groupId, id, false);
    if (event.type !== 'MessagePinned' && event.type !== 'MessageUnpinned') return;
    const g = of(groupId);
    if (event.type === 'MessageUnpinned') {
      g.live.set(id, false);
      return mark(groupId, id, false);
    }
    const m = find(id);
    const pin = m ? { ...m, pinnedBy: typeof event.actorId === 'string' ? event.actorId : null, pinnedAt: eventTime(event) } : null;
    g.live.set(id, pin);
    mark(groupId, id, true);
    if (g.items && !g.items.some((x) => x.id === id)) {
      if (pin) g.items = [pin, ...g.items];
      else void load(groupId, me.id);
    }
  }

  function reset() {
    groups.clear();
  }

  return { groups, of, load, isPinned, mark, apply, reset };
});
