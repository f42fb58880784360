// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { nextTick, ref } from 'vue';
import { useCompletion, type CompletionSource } from './useCompletion';

const EMOJI = [
  { id: 'smile', label: '😄 :smile:', insert: '😄' },
  { id: 'smirk', label: '😏 :smirk:', insert: '😏' },
];
const accepted: string[] = [];
const emoji: CompletionSource = {
  trigger: ':',
  query: /^[a-z0-9_+-]+$/,
  minLength: 2,
  search: (q) => EMOJI.filter((e) => e.id.startsWith(q)),
  accepted: (item) => accepted.push(item.id),
};
const people: CompletionSource = { trigger: '@', query: /^[a-z]*$/, minLength: 0, search: (q) => [{ id: q, label: q, insert: `@${q}x` }] };

function setup(value: string, caret = value.length) {
  const el = document.createElement('textarea');
  document.body.append(el);
  const text = ref(value);
  el.value = value;
  el.setSelectionRange(caret, caret);
  const c = useCompletion(text, ref(el), [people, emoji]);
  const key = (k: string) => {
    const e = new KeyboardEvent('keydown', { key: k, cancelable: true });
    return [c.onKeydown(e), e.defaultPrevented];
  };
  return { c, text, el, key };
}

describe('useCompletion', () => {
  it('opens on a trigger after a space or at the start, with enough characters', async () => {
    for (const [value, open] of [
      ['note: sm', false],
      ['hi :s', false],
      ['hi :sm', true],
      [':smi', true],
      ['a:smi', false],
      ['(:smi', true],
      ['@', true],
      ['mail@', false],
      [':sm it', false],
    ] as const) {
      const { c } = setup(value);
      await c.update();
      expect(c.open.value, value).toBe(open);
    }
  });

  it('moves with the arrows, wraps, and accepts with Enter, replacing the token and adding a space', async () => {
    const { c, text, key } = setup('so :sm');
    await c.update();
    expect(c.items.value.map((i) => i.id)).toEqual(['smile', 'smirk']);
    expect(c.activeId.value).toBe(`${c.listId}-0`);
    expect(key('ArrowDown')).toEqual([true, true]);
    expect(key('ArrowDown')).toEqual([true, true]);
    expect(c.active.value).toBe(0);
    key('ArrowUp');
    expect(c.active.value).toBe(1);
    expect(key('Enter')).toEqual([true, true]);
    expect(text.value).toBe('so 😏 ');
    expect(c.open.value).toBe(false);
    expect(accepted).toContain('smirk');
    expect(key('Enter')).toEqual([false, false]);
  });

  it('accepts with Tab in the middle of the text, keeping what follows', async () => {
    const { c, text, el, key } = setup('hey @bo there', 7);
    await c.update();
    key('Tab');
    expect(text.value).toBe('hey @box there');
    await nextTick();
    expect(el.selectionStart).toBe('hey @box '.length);
  });

  it('Escape closes the list until another token is typed', async () => {
    const { c, text, el, key } = setup('x :smi');
    await c.update();
    expect(key('Escape')).toEqual([true, true]);
    expect(c.open.value).toBe(false);
    await c.update();
    expect(c.open.value).toBe(false);
    text.value = el.value = 'x :smi :sm';
    el.setSelectionRange(el.value.length, el.value.length);
    await c.update();
    expect(c.open.value).toBe(true);
  });

  it('a slower answer to an older query does not replace the newer one', async () => {
    let release!: () => void;
    const slow: CompletionSource = {
      trigger: ':',
      query: /^[a-z]+$/,
      minLength: 2,
      search: (q) =>
        q === 'ab' ? new Promise((r) => (release = () => r([{ id: 'old', label: 'old', insert: 'o' }]))) : [{ id: 'new', label: 'new', insert: 'n' }],
    };
    const el = document.createElement('textarea');
    const text = ref(':ab');
    el.value = text.value;
    el.setSelectionRange(3, 3);
    const c = useCompletion(text, ref(el), [slow]);
    const first = c.update();
    text.value = el.value = ':abc';
    el.setSelectionRange(4, 4);
    await c.update();
    release();
    await first;
    expect(c.items.value.map((i) => i.id)).toEqual(['new']);
  });
});
