import { computed, nextTick, ref, type Ref } from 'vue';

export interface CompletionItem {
  id: string;
  label: string;
  detail?: string;
  /** What replaces the typed token, e.g. `@ann` or `😄`; a space follows it. */
  insert: string;
}

export interface CompletionSource {
  trigger: '@' | ':';
  /** The characters a query may have; at least `minLength` of them open the list. */
  query: RegExp;
  minLength: number;
  search(query: string): Promise<CompletionItem[]> | CompletionItem[];
  accepted?(item: CompletionItem): void;
}

interface Token {
  source: CompletionSource;
  query: string;
  start: number;
  end: number;
}

let lists = 0;

/**
 * Completion of the token before the caret (`@ann`, `:smi`) in a text field: the items, the
 * active one, and the keys that move through and accept them. A token looked at no further
 * back than 40 characters keeps each keystroke's work small.
 */
export function useCompletion(text: Ref<string>, field: Ref<HTMLTextAreaElement | HTMLInputElement | null>, sources: CompletionSource[]) {
  const listId = `completion-${++lists}`;
  const items = ref<CompletionItem[]>([]);
  const active = ref(0);
  const token = ref<Token | null>(null);
  let asked = 0;
  let dismissedAt: string | null = null;

  const open = computed(() => token.value !== null && items.value.length > 0);
  const activeId = computed(() => (open.value ? `${listId}-${active.value}` : undefined));

  function tokenAt(caret: number): Token | null {
    const before = text.value.slice(Math.max(0, caret - 40), caret);
    for (const source of sources) {
      const at = before.lastIndexOf(source.trigger);
      if (at < 0 || (at > 0 && !/[\s([{]/.test(before[at - 1]!)) || (at === 0 && caret > 40)) continue;
      const query = before.slice(at + 1);
      if (query.length >= source.minLength && source.query.test(query)) return { source, query, start: caret - before.length + at, end: caret };
    }
    return null;
  }

  /** Looks at the text and caret again: after input, a click or a caret move. */
  async function update() {
    const el = field.value;
    const found = el && el.selectionStart === el.selectionEnd ? tokenAt(el.selectionStart ?? 0) : null;
    const key = found && `${found.start}:${found.source.trigger}`;
    if (!found || key === dismissedAt) return close(key === dismissedAt ? dismissedAt : null);
    dismissedAt = null;
    const n = ++asked;
    const result = await found.source.search(found.query);
    if (n !== asked) return;
    token.value = found;
    items.value = result;
    active.value = 0;
  }

  function close(keepDismissed: string | null = null) {
    asked++;
    dismissedAt = keepDismissed;
    token.value = null;
    items.value = [];
  }

  function accept(item: CompletionItem | undefined = items.value[active.value]) {
    const t = token.value;
    const el = field.value;
    if (!t || !item) return;
    const after = text.value.slice(t.end);
    const inserted = `${item.insert}${after.startsWith(' ') ? '' : ' '}`;
    text.value = text.value.slice(0, t.start) + inserted + after;
    const caret = t.start + inserted.length + (after.startsWith(' ') ? 1 : 0);
    close();
    t.source.accepted?.(item);
    void nextTick(() => el?.setSelectionRange(caret, caret));
  }

  /** Handles a key while the list is open; true when it was the list's. */
  function onKeydown(e: KeyboardEvent): boolean {
    if (!open.value || e.isComposing) return false;
    const n = items.value.length;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') active.value = (active.value + (e.key === 'ArrowDown' ? 1 : n - 1)) % n;
    else if (e.key === 'Enter' || e.key === 'Tab') accept();
    else if (e.key === 'Escape') close(`${token.value!.start}:${token.value!.source.trigger}`);
    else return false;
    e.preventDefault();
    return true;
  }

  return { listId, items, active, activeId, open, update, accept, close: () => close(), onKeydown };
}
