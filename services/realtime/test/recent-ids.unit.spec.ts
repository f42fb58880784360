import { describe, expect, it } from 'vitest';
import { RecentIds } from '../src/recent-ids';

describe('recently delivered event ids', () => {
  it('answers true for an id seen before and false for a new one', () => {
    const recent = new RecentIds(10);
    expect(recent.seen('e1')).toBe(false);
    expect(recent.seen('e2')).toBe(false);
    expect(recent.seen('e1')).toBe(true);
    expect(recent.seen('e2')).toBe(true);
  });

  it('forgets the oldest ids past its bound, so its memory stays bounded', () => {
    const recent = new RecentIds(3);
    for (const id of ['a', 'b', 'c', 'd']) expect(recent.seen(id)).toBe(false);
    expect(recent.seen('d')).toBe(true);
    expect(recent.seen('b')).toBe(true);
    expect(recent.seen('a')).toBe(false);
  });
});
