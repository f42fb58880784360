// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';

const mark = vi.fn(async (groupId: string, position: string) => ({ groupId, marker: position, position: 'u.0.1' }));
const markThread = vi.fn(async (groupId: string, threadId: string, position: string) => ({ groupId, threadId, marker: position, position: 'u.0.2' }));
vi.mock('../api/unread', () => ({
  unreadApi: {
    list: vi.fn(async () => ({
      items: [
        { groupId: 'g1', unread: 3, mentions: 1, marker: 'm.0.10', latest: 'm.0.13' },
        { groupId: 'g2', unread: 1200, mentions: 0, marker: null, latest: 'm.1.2000' },
        { groupId: 'g3', unread: 0, mentions: 0, marker: null, latest: 'm.2.5' },
      ],
    })),
    mark,
    markThread,
  },
}));

const { shownCount, useUnreadStore } = await import('./unread.store');

describe('unread store', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    vi.useFakeTimers();
    mark.mockClear();
    markThread.mockClear();
  });
  afterEach(() => vi.useRealTimers());

  it('takes the counts from the server, then from realtime frames; a capped count reads 999+', async () => {
    const unread = useUnreadStore();
    await unread.load();
    expect(unread.counts).toEqual({ g1: { unread: 3, mentions: 1 }, g2: { unread: 1200, mentions: 0 }, g3: { unread: 0, mentions: 0 } });
    unread.apply('g1', { unread: 0, mentions: 0 });
    expect(unread.counts.g1).toEqual({ unread: 0, mentions: 0 });
    expect([shownCount(999), shownCount(1000)]).toEqual(['999', '999+']);
  });

  it('moves a marker once a second at most, to the furthest position read, never backwards', async () => {
    const unread = useUnreadStore();
    await unread.load();
    unread.read('g1', 'm.0.9');
    unread.read('g1', 'm.0.12');
    unread.read('g1', 'm.0.11');
    unread.read('g2', 'm.1.4');
    expect(mark).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1000);
    expect(mark.mock.calls).toEqual([
      ['g1', 'm.0.12'],
      ['g2', 'm.1.4'],
    ]);
    unread.read('g1', 'm.0.12');
    await vi.advanceTimersByTimeAsync(1000);
    expect(mark).toHaveBeenCalledTimes(2);
    expect(unread.markerOf('g1')).toBe('m.0.12');
  });

  it('moves a thread marker like a conversation marker, apart from it, and keeps the thread counts the server sends', async () => {
    const unread = useUnreadStore();
    unread.setThreads([{ id: 't1', groupId: 'g1', unread: 2, marker: 'm.0.20' }]);
    expect(unread.threadCounts).toEqual({ t1: 2 });
    unread.readThread('g1', 't1', 'm.0.19');
    unread.readThread('g1', 't1', 'm.0.24');
    unread.readThread('g1', 't1', 'm.0.22');
    unread.read('g1', 'm.0.30');
    await vi.advanceTimersByTimeAsync(1000);
    expect(markThread.mock.calls).toEqual([['g1', 't1', 'm.0.24']]);
    expect(mark.mock.calls).toEqual([['g1', 'm.0.30']]);
    unread.readThread('g1', 't1', 'm.0.24');
    await vi.advanceTimersByTimeAsync(1000);
    expect(markThread).toHaveBeenCalledTimes(1);
    unread.applyThread('t1', { unread: 0, marker: 'm.0.24' });
    expect(unread.threadCounts).toEqual({ t1: 0 });
  });

  it('marks all read: every conversation with unread messages up to its newest, at once', async () => {
    const unread = useUnreadStore();
    await unread.load();
    expect(unread.anyUnread).toBe(true);
    await unread.markAllRead();
    expect(mark.mock.calls).toEqual([
      ['g1', 'm.0.13'],
      ['g2', 'm.1.2000'],
    ]);
    expect(unread.anyUnread).toBe(false);
  });

  it('flushes at once when asked (the tab is hidden)', async () => {
    const unread = useUnreadStore();
    unread.read('g1', 'm.0.20');
    await unread.flush();
    expect(mark.mock.calls).toEqual([['g1', 'm.0.20']]);
  });
});
