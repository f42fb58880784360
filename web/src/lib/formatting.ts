/** The composer's formatting commands, as edits of the text and its selection. */
export type FormatKind = 'bold' | 'italic' | 'code' | 'codeBlock' | 'quote' | 'list' | 'spoiler' | 'link';

export interface Edit {
  value: string;
  start: number;
  end: number;
}

const WRAP: Partial<Record<FormatKind, string>> = { bold: '**', italic: '_', code: '`', spoiler: '||' };
const PREFIX: Partial<Record<FormatKind, string>> = { quote: '> ', list: '- ' };

/** Applies a command to the selection [start, end) of value; the result selects what to type next. */
export function applyFormat(kind: FormatKind, value: string, start: number, end: number): Edit {
  const selected = value.slice(start, end);
  const before = value.slice(0, start);
  const after = value.slice(end);
  const mark = WRAP[kind];
  if (mark) return { value: before + mark + selected + mark + after, start: start + mark.length, end: end + mark.length };
  const prefix = PREFIX[kind];
  if (prefix) return prefixLines(prefix, value, start, end);
  if (kind === 'codeBlock') {
    const open = `${before && !before.endsWith('\n') ? '\n' : ''}\`\`\`\n`;
    const close = `\n\`\`\`${after && !after.startsWith('\n') ? '\n' : ''}`;
    return { value: before + open + selected + close + after, start: start + open.length, end: end + open.length };
  }
  // link: the selection is the label, and the URL is selected to be typed over.
  const label = selected || 'link';
  const url = 'https://';
  const at = start + label.length + 3;
  return { value: `${before}[${label}](${url})${after}`, start: at, end: at + url.length };
}

function prefixLines(prefix: string, value: string, start: number, end: number): Edit {
  const lineStart = value.lastIndexOf('\n', start - 1) + 1;
  const lines = value.slice(lineStart, end).split('\n');
  const prefixed = lines.map((l) => prefix + l).join('\n');
  return {
    value: value.slice(0, lineStart) + prefixed + value.slice(end),
    start: start + prefix.length,
    end: end + prefix.length * lines.length,
  };
}

/** The keyboard shortcut of each command, shown in the buttons' titles. */
export const SHORTCUTS: Record<FormatKind, string> = {
  bold: 'Ctrl+B',
  italic: 'Ctrl+I',
  code: 'Ctrl+E',
  codeBlock: 'Ctrl+Shift+E',
  quote: 'Ctrl+Shift+9',
  list: 'Ctrl+Shift+8',
  spoiler: 'Ctrl+Shift+S',
  link: 'Ctrl+K',
};

/** The command a key press asks for (Ctrl, or ⌘ on a Mac), or null. */
export function formatForKey(e: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): FormatKind | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
  const key = e.key.toLowerCase();
  if (!e.shiftKey) return ({ b: 'bold', i: 'italic', e: 'code', k: 'link' } as const)[key as 'b'] ?? null;
  if (e.code === 'Digit9') return 'quote';
  if (e.code === 'Digit8') return 'list';
  return ({ e: 'codeBlock', s: 'spoiler' } as const)[key as 'e'] ?? null;
}
