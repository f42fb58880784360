import { defineStore } from 'pinia';
import { computed, reactive } from 'vue';
import { unreadApi } from '../api/unread';
import { isAfter } from '../lib/position';

export interface Counts {
  unread: number;
  mentions: number;
}

/** Counts are capped on the server (docs/unread.md): this many or more reads "999+". */
export const UNREAD_SHOWN_CAP = 1000;
const MARK_DEBOUNCE_MS = 1000;

/** A followed thread's count as the server has it, and the thread's marker. */
export interface ThreadCount {
  id: string;
  groupId: string;
  unread: number;
  marker: string | null;
}

/**
 * Unread and mention counts per conversation, as the server has them (GET /me/unread, then the
 * realtime `unread` frames), so they are the same after a reload and on every device; and the
 * unread counts of followed threads (GET /me/threads, then `thread-unread` frames). Reading
 * moves the marker of the conversation or of the thread: debounced, never backwards, flushed
 * when the tab is hidden.
 */
export const useUnreadStore = defineStore('unread', () => {
  const counts = reactive<Record<string, Counts>>({});
  // Reactive, so a view can follow the marker (the "New messages" line takes the first one known).
  const markers = reactive(new Map<string, string>());
  const latest = new Map<string, string>();
  const pending = reactive(new Map<string, string>());
  /** The marker of each conversation as it was when last opened: where its "New messages" line goes. */
  const opened = reactive<Record<string, string | null>>({});
  /** Unread replies per followed thread (by root id), and the thread markers, known and about to be sent. */
  const threadCounts = reactive<Record<string, number>>({});
  const threadMarkers = new Map<string, string>();
  const pendingThreads = new Map<string, { groupId: string; position: string }>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function load() {
    const { items } = await unreadApi.list();
    for (const k of Object.keys(counts)) if (!items.some((i) => i.groupId === k)) delete counts[k];
    for (const i of items) {
      counts[i.groupId] = { unread: i.unread, mentions: i.mentions };
      if (i.marker && isAfter(i.marker, markers.get(i.groupId))) markers.set(i.groupId, i.marker);
      if (i.latest) latest.set(i.groupId, i.latest);
    }
  }

  /** A realtime frame: the counts, and the marker when another device moved it. */
  function apply(groupId: string, next: Counts & { marker?: string | null }) {
    counts[groupId] = { unread: next.unread, mentions: next.mentions };
    if (next.marker && isAfter(next.marker, markers.get(groupId))) markers.set(groupId, next.marker);
  }

  /** Counts of followed threads as GET /me/threads gave them. */
  function setThreads(items: ThreadCount[]) {
    for (const t of items) applyThread(t.id, t);
  }

  /** A `thread-unread` frame, or a thread of GET /me/threads. */
  function applyThread(threadId: string, next: { unread: number; marker?: string | null }) {
    threadCounts[threadId] = next.unread;
    if (next.marker && isAfter(next.marker, threadMarkers.get(threadId))) threadMarkers.set(threadId, next.marker);
  }

  /** The replies of a thread up to `position` have been seen: its marker follows within a second. */
  function readThread(groupId: string, threadId: string, position: string) {
    if (!isAfter(position, pendingThreads.get(threadId)?.position ?? threadMarkers.get(threadId))) return;
    pendingThreads.set(threadId, { groupId, position });
    timer ??= setTimeout(() => void flush(), MARK_DEBOUNCE_MS);
  }

  /** The messages up to `position` have been seen: the marker follows within a second. */
  function read(groupId: string, position: string) {
    if (!isAfter(position, pending.get(groupId) ?? markers.get(groupId))) return;
    pending.set(groupId, position);
    timer ??= setTimeout(() => void flush(), MARK_DEBOUNCE_MS);
  }

  async function flush() {
    clearTimeout(timer);
    timer = undefined;
    const moves = [...pending];
    const threadMoves = [...pendingThreads];
    pending.clear();
    pendingThreads.clear();
    // Refused (a position the server does not know yet) or failed: the next read carries it again.
    await Promise.all([
      ...moves.map(async ([groupId, position]) => {
        markers.set(groupId, position);
        await unreadApi.mark(groupId, position).catch(() => markers.delete(groupId));
      }),
      ...threadMoves.map(async ([threadId, { groupId, position }]) => {
        threadMarkers.set(threadId, position);
        await unreadApi.markThread(groupId, threadId, position).catch(() => threadMarkers.delete(threadId));
      }),
    ]);
  }

  /** Every conversation read up to its newest message (loaded afresh: frames carry no positions). */
  async function markAllRead() {
    await load();
    for (const [groupId, c] of Object.entries(counts)) {
      const newest = latest.get(groupId);
      if (!c.unread || !newest) continue;
      read(groupId, newest);
      counts[groupId] = { unread: 0, mentions: 0 };
    }
    await flush();
  }

  function open(groupId: string) {
    opened[groupId] = markerOf(groupId);
  }

  function markerOf(groupId: string): string | null {
    return pending.get(groupId) ?? markers.get(groupId) ?? null;
  }

  function reset() {
    clearTimeout(timer);
    timer = undefined;
    pending.clear();
    markers.clear();
    latest.clear();
    pendingThreads.clear();
    threadMarkers.clear();
    for (const k of Object.keys(threadCounts)) delete threadCounts[k];
    for (const k of Object.keys(opened)) delete opened[k];
    for (const k of Object.keys(counts)) delete counts[k];
  }

  const anyUnread = computed(() => Object.values(counts).some((c) => c.unread > 0));

  return { counts, opened, threadCounts, anyUnread, load, apply, setThreads, applyThread, read, readThread, flush, markAllRead, open, markerOf, reset };
});

/** A count as the sidebar shows it. */
export const shownCount = (n: number) => (n >= UNREAD_SHOWN_CAP ? '999+' : String(n));
