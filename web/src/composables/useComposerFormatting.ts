import { nextTick, type Ref } from 'vue';
import { applyFormat, formatForKey, type FormatKind } from '../lib/formatting';

/** Formatting commands and insertions at the caret of the composer's field, keeping the focus there. */
export function useComposerFormatting(text: Ref<string>, field: Ref<HTMLTextAreaElement | null>, changed: () => void) {
  function select(start: number, end: number) {
    void nextTick(() => {
      const el = field.value;
      el?.focus();
      el?.setSelectionRange(start, end);
      changed();
    });
  }

  function format(kind: FormatKind) {
    const el = field.value;
    const edit = applyFormat(kind, text.value, el?.selectionStart ?? text.value.length, el?.selectionEnd ?? text.value.length);
    text.value = edit.value;
    select(edit.start, edit.end);
  }

  function insert(s: string) {
    const el = field.value;
    const start = el?.selectionStart ?? text.value.length;
    const end = el?.selectionEnd ?? start;
    text.value = text.value.slice(0, start) + s + text.value.slice(end);
    select(start + s.length, start + s.length);
  }

  /** Applies a formatting shortcut; true when the key was one. */
  function onShortcut(e: KeyboardEvent): boolean {
    const kind = formatForKey(e);
    if (!kind) return false;
    e.preventDefault();
    format(kind);
    return true;
  }

  return { format, insert, onShortcut };
}
