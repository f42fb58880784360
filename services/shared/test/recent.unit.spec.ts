import { describe, expect, it } from 'vitest';
import { RecentMap } from '../src/index';

describe('a map of recent keys', () => {
  it('answers what was set, and nothing for a key never set', () => {
    const recent = new RecentMap<string, number>(10);
    recent.set('e1', 1);
    recent.set('e2', 2);
    expect(recent.has('e1')).toBe(true);
    expect(recent.get('e2')).toBe(2);
    expect(recent.has('e3')).toBe(false);
  });

  it('forgets the oldest keys past its bound, so its memory stays bounded; setting a key again makes it the newest', () => {
    const recent = new RecentMap<string, true>(3);
    for (const id of ['a', 'b', 'c']) recent.set(id, true);
    recent.set('a', true);
    recent.set('d', true);
    expect(recent.has('b')).toBe(false);
    expect(['a', 'c', 'd'].every((id) => recent.has(id))).toBe(true);
  });
});
