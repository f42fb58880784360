import { describe, expect, it } from 'vitest';
import { Coalescer, snapshotOf } from '../src/index';

describe('Coalescer', () => {
  it('groups the calls made while a flush is in flight into the next flush, in order, and answers each caller its own outcome', async () => {
    const flushes: number[][] = [];
    let release!: () => void;
    const first = new Promise<void>((r) => (release = r));
    const c = new Coalescer<number, string>(async (items) => {
      flushes.push(items);
      if (flushes.length === 1) await first;
      return items.map((i) => (i % 5 === 0 ? { ok: false, error: new Error(`no ${i}`) } : { ok: true, value: `v${i}` }));
    });
    const a = c.run(1);
    await new Promise((r) => setImmediate(r));
    const rest = [2, 3, 5, 4].map((i) => c.run(i).catch((err: Error) => err.message));
    release();
    expect(await a).toBe('v1');
    expect(await Promise.all(rest)).toEqual(['v2', 'v3', 'no 5', 'v4']);
    expect(flushes).toEqual([[1], [2, 3, 5, 4]]);
  });

  it('keeps at most maxBatch items per flush and fails every caller of a flush that throws', async () => {
    const sizes: number[] = [];
    const c = new Coalescer<number, number>(
      async (items) => {
        sizes.push(items.length);
        if (items.includes(7)) throw new Error('database down');
        return items.map((value) => ({ ok: true, value }));
      },
      { maxBatch: 3 },
    );
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => c.run(i).catch((err: Error) => err.message)));
    expect(sizes).toEqual([3, 3, 2]);
    expect(answers).toEqual([0, 1, 2, 3, 4, 5, 'database down', 'database down']);
  });
});

describe('progress snapshot', () => {
  const rows = [
    { name: 'groups', topics: ['groups', 'messages'], topic: 'groups', partition: 0, next_offset: '10' },
    { name: 'groups', topics: ['groups', 'messages'], topic: 'messages', partition: 1, next_offset: '5' },
    { name: 'users', topics: ['users'], topic: 'users', partition: 0, next_offset: '3' },
    { name: 'messages', topics: ['messages'], topic: null, partition: null, next_offset: null },
  ];
  const snap = snapshotOf(rows);

  it('a position is reached when every live projection reading its topic has applied it', () => {
    expect(snap.reached({ topic: 'groups', partition: 0, offset: 9n })).toBe(true);
    expect(snap.reached({ topic: 'groups', partition: 0, offset: 10n })).toBe(false);
    expect(snap.reached({ topic: 'users', partition: 0, offset: 2n })).toBe(true);
  });

  it('a projection without a checkpoint for the partition has applied nothing there; a filter limits which projections count', () => {
    expect(snap.reached({ topic: 'messages', partition: 1, offset: 0n })).toBe(false);
    expect(snap.reached({ topic: 'messages', partition: 1, offset: 4n }, ['groups'])).toBe(true);
    expect(snap.reached({ topic: 'groups', partition: 1, offset: 0n }, ['groups'])).toBe(false);
  });
});
