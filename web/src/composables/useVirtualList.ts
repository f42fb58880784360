import { computed, nextTick, onBeforeUnmount, onMounted, ref, shallowRef, watch, type Ref } from 'vue';

export interface VirtualListOptions<T> {
  items: Ref<T[]>;
  container: Ref<HTMLElement | null>;
  keyOf: (item: T) => string;
  estimate: (item: T) => number;
  /** Extra pixels rendered above and below the viewport. */
  overscan?: number;
  /** Pixels from the bottom that still count as "at the bottom" (new items keep it pinned there). */
  bottomSlack?: number;
  /** Viewport height used until the container has been laid out (and in tests without layout). */
  fallbackHeight?: number;
}

export interface VisibleRow<T> {
  item: T;
  index: number;
  key: string;
  top: number;
}

/** First index whose row ends below `y` (offsets has n + 1 entries, offsets[0] = 0). */
export function firstEndingAfter(offsets: Float64Array, y: number): number {
  let lo = 0;
  let hi = offsets.length - 2;
  if (hi < 0) return 0;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid + 1]! <= y) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Windowed rendering of rows of varying height: estimated until measured, positioned from a
 * prefix sum, and anchored so that measuring rows or prepending older ones never moves what
 * the reader is looking at. Sticks to the bottom while the reader is there.
 */
export function useVirtualList<T>(o: VirtualListOptions<T>) {
  const overscan = o.overscan ?? 600;
  const slack = o.bottomSlack ?? 80;
  const heights = new Map<string, number>();
  const version = ref(0);
  const scrollTop = ref(0);
  const viewport = ref(0);
  const atBottom = ref(true);
  let anchor: { key: string; delta: number } | null = null;
  let programmatic: number | null = null;

  const offsets = shallowRef(new Float64Array(1));
  const indexOfKey = shallowRef(new Map<string, number>());
  let sizes = new Float64Array(0);

  /** On a new list: keys and sizes (measured, else estimated) per row. */
  function reindex() {
    const list = o.items.value;
    const next = new Float64Array(list.length);
    const keys = new Map<string, number>();
    for (let i = 0; i < list.length; i++) {
      const item = list[i]!;
      const key = o.keyOf(item);
      keys.set(key, i);
      next[i] = heights.get(key) ?? o.estimate(item);
    }
    sizes = next;
    indexOfKey.value = keys;
    resum();
  }

  /** Prefix sums only: cheap enough to redo for every batch of measurements. */
  function resum() {
    const next = new Float64Array(sizes.length + 1);
    for (let i = 0; i < sizes.length; i++) next[i + 1] = next[i]! + sizes[i]!;
    offsets.value = next;
  }

  const totalHeight = computed(() => offsets.value[offsets.value.length - 1] ?? 0);
  const height = () => viewport.value || o.fallbackHeight || 800;

  const visible = computed<VisibleRow<T>[]>(() => {
    void version.value;
    const list = o.items.value;
    const off = offsets.value;
    if (!list.length || off.length !== list.length + 1) return [];
    const from = firstEndingAfter(off, Math.max(0, scrollTop.value - overscan));
    const until = scrollTop.value + height() + overscan;
    const rows: VisibleRow<T>[] = [];
    for (let i = from; i < list.length && off[i]! < until; i++) {
      const item = list[i]!;
      rows.push({ item, index: i, key: o.keyOf(item), top: off[i]! });
    }
    return rows;
  });

  function rememberAnchor() {
    const off = offsets.value;
    const list = o.items.value;
    if (!list.length) return (anchor = null);
    // The row at the middle of the viewport: a row pinned at the very top (such as a "load
    // older" row) would stay put when rows are inserted after it.
    const i = firstEndingAfter(off, scrollTop.value + height() / 2);
    const item = list[i];
    anchor = item ? { key: o.keyOf(item), delta: scrollTop.value - off[i]! } : null;
  }

  function setScrollTop(y: number) {
    const el = o.container.value;
    const max = Math.max(0, totalHeight.value - height());
    const target = Math.max(0, Math.min(y, max));
    scrollTop.value = target;
    if (el && Math.abs(el.scrollTop - target) > 0.5) {
      programmatic = target;
      el.scrollTop = target;
    }
  }

  /** After rows changed size or were inserted: stay at the bottom, or keep the anchor row still. */
  function restore() {
    if (atBottom.value) return setScrollTop(totalHeight.value);
    if (!anchor) return;
    const i = indexOfKey.value.get(anchor.key);
    if (i !== undefined) setScrollTop(offsets.value[i]! + anchor.delta);
  }

  function onScroll() {
    const el = o.container.value;
    if (!el) return;
    viewport.value = el.clientHeight;
    scrollTop.value = el.scrollTop;
    const ours = programmatic !== null && Math.abs(el.scrollTop - programmatic) < 2;
    programmatic = null;
    if (!ours) atBottom.value = el.scrollTop + height() >= totalHeight.value - slack;
    rememberAnchor();
  }

  /** Called by each rendered row with its measured height. */
  function measure(key: string, h: number) {
    if (!h || Math.abs((heights.get(key) ?? -1) - h) < 0.5) return;
    heights.set(key, h);
    const i = indexOfKey.value.get(key);
    if (i === undefined) return;
    sizes[i] = h;
    scheduleResum();
  }

  let pending = false;
  function scheduleResum() {
    if (pending) return;
    pending = true;
    queueMicrotask(() => {
      pending = false;
      resum();
      version.value++;
      void nextTick(restore);
    });
  }

  watch(
    () => o.items.value,
    () => {
      reindex();
      void nextTick(restore);
    },
    { immediate: true },
  );

  let resize: ResizeObserver | null = null;
  onMounted(() => {
    const el = o.container.value;
    if (!el) return;
    viewport.value = el.clientHeight;
    el.addEventListener('scroll', onScroll, { passive: true });
    if (typeof ResizeObserver !== 'undefined') {
      resize = new ResizeObserver(() => {
        viewport.value = el.clientHeight;
        restore();
      });
      resize.observe(el);
    }
    void nextTick(() => setScrollTop(totalHeight.value));
  });
  onBeforeUnmount(() => {
    o.container.value?.removeEventListener('scroll', onScroll);
    resize?.disconnect();
  });

  function scrollToBottom() {
    atBottom.value = true;
    setScrollTop(totalHeight.value);
  }

  function scrollToIndex(index: number) {
    atBottom.value = false;
    setScrollTop((offsets.value[index] ?? 0) - height() / 3);
    rememberAnchor();
  }

  return { visible, totalHeight, atBottom, scrollTop, measure, scrollToBottom, scrollToIndex, onScroll };
}
