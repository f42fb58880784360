import { describe, expect, it } from 'vitest';
import { applyFormat, formatForKey, type Edit } from './formatting';

/** Writes an edit as text with [ ] around the selection. */
const shown = ({ value, start, end }: Edit) => `${value.slice(0, start)}[${value.slice(start, end)}]${value.slice(end)}`;
const on = (text: string, kind: Parameters<typeof applyFormat>[0]) => {
  const start = text.indexOf('[');
  const end = text.indexOf(']') - 1;
  return shown(applyFormat(kind, text.replace('[', '').replace(']', ''), start, end));
};

describe('applyFormat', () => {
  it('wraps the selection, or places the caret between the marks', () => {
    expect(on('a [word] b', 'bold')).toBe('a **[word]** b');
    expect(on('a [] b', 'italic')).toBe('a _[]_ b');
    expect(on('[x]', 'code')).toBe('`[x]`');
    expect(on('the end: [they win]', 'spoiler')).toBe('the end: ||[they win]||');
  });

  it('puts a code block on lines of its own', () => {
    expect(on('see [let a = 1] ok', 'codeBlock')).toBe('see \n```\n[let a = 1]\n```\n ok');
    expect(on('[]', 'codeBlock')).toBe('```\n[]\n```');
  });

  it('prefixes every selected line for quotes and lists', () => {
    expect(on('intro\no[ne\ntw]o', 'list')).toBe('intro\n- o[ne\n- tw]o');
    expect(on('[]', 'quote')).toBe('> []');
  });

  it('makes the selection a link label and selects the URL', () => {
    expect(on('read [the docs] now', 'link')).toBe('read [the docs]([https://]) now');
    expect(on('[]', 'link')).toBe('[link]([https://])');
  });
});

describe('formatForKey', () => {
  const key = (k: string, more: Partial<KeyboardEvent> = {}) =>
    formatForKey({ key: k, code: '', ctrlKey: true, metaKey: false, shiftKey: false, altKey: false, ...more });
  it('maps the shortcuts, with Ctrl or Meta, and nothing else', () => {
    expect([key('b'), key('I'), key('e'), key('k'), key('E', { shiftKey: true }), key('S', { shiftKey: true })]).toEqual([
      'bold',
      'italic',
      'code',
      'link',
      'codeBlock',
      'spoiler',
    ]);
    expect(key('(', { shiftKey: true, code: 'Digit9' })).toBe('quote');
    expect(key('*', { shiftKey: true, code: 'Digit8' })).toBe('list');
    expect(key('b', { ctrlKey: false, metaKey: true })).toBe('bold');
    expect(key('b', { ctrlKey: false })).toBeNull();
    expect(key('b', { altKey: true })).toBeNull();
    expect(key('x')).toBeNull();
  });
});
