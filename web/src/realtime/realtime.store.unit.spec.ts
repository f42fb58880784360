import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { FakeSocket } from '../test/fake-socket';
import { useRealtimeStore } from './realtime.store';
import type { EventFrame } from './protocol';

const sent = (groupId: string, offset: number, messageId = `m${offset}`): EventFrame => ({
  type: 'event',
  groupId,
  position: `m.3.${offset}`,
  event: { type: 'MessageSent', messageId, groupId, senderId: 'u2', text: `hello ${offset}`, attachments: [], occurredAt: 1_700_000_000_000 + offset },
});

function startConnected(token = 't1', refresh = vi.fn(async () => true)) {
  const store = useRealtimeStore();
  store.start({ url: 'ws://test/ws', token: () => token, refresh, createSocket: (url) => new FakeSocket(url), baseDelayMs: 100, maxDelayMs: 1000 });
  const socket = FakeSocket.latest();
  socket.open();
  socket.receive({ type: 'ready' });
  return { store, socket, refresh };
}

describe('realtime store', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    FakeSocket.all = [];
    vi.useFakeTimers();
  });
  afterEach(() => {
    useRealtimeStore().stop();
    vi.useRealTimers();
  });

  it('authenticates first, then subscribes each group from its last position', () => {
    const store = useRealtimeStore();
    store.subscribe('g1', 'm.3.10');
    store.subscribe('g2');
    store.start({ url: 'ws://test/ws', token: () => 'tok', refresh: async () => true, createSocket: (u) => new FakeSocket(u) });
    const socket = FakeSocket.latest();
    socket.open();
    expect(socket.sent).toEqual([{ type: 'auth', token: 'tok' }]);
    socket.receive({ type: 'ready' });
    expect(socket.sent.slice(1)).toEqual([
      { type: 'subscribe', groupId: 'g1', after: 'm.3.10' },
      { type: 'subscribe', groupId: 'g2' },
    ]);
    expect(store.status).toBe('online');
  });

  it('after a drop shows offline, reconnects with backoff and resumes after the last position seen', () => {
    const { store, socket } = startConnected();
    store.subscribe('g1', 'm.3.10');
    const seen: string[] = [];
    store.on('event', (f) => seen.push(f.position));
    socket.receive(sent('g1', 11));
    socket.receive(sent('g1', 12));
    socket.drop(1006);
    expect(store.status).toBe('offline');
    expect(store.offline).toBe(true);
    expect(FakeSocket.all).toHaveLength(1);

    vi.advanceTimersByTime(1000);
    expect(FakeSocket.all).toHaveLength(2);
    const again = FakeSocket.latest();
    again.open();
    again.receive({ type: 'ready' });
    expect(again.framesOf('subscribe')).toEqual([{ type: 'subscribe', groupId: 'g1', after: 'm.3.12' }]);
    expect(store.offline).toBe(false);

    // The server replays from `after`; anything at or before it is a duplicate and is dropped.
    again.receive(sent('g1', 12));
    again.receive(sent('g1', 13));
    again.receive(sent('g1', 13));
    again.receive(sent('g1', 14));
    expect(seen).toEqual(['m.3.11', 'm.3.12', 'm.3.13', 'm.3.14']);
  });

  it('reconnects at once after a restart (1012) or a resume-now (4008) close', () => {
    const { socket } = startConnected();
    socket.drop(1012);
    vi.advanceTimersByTime(0);
    expect(FakeSocket.all).toHaveLength(2);
    const second = FakeSocket.latest();
    second.open();
    second.receive({ type: 'ready' });
    second.drop(4008);
    vi.advanceTimersByTime(0);
    expect(FakeSocket.all).toHaveLength(3);
  });

  it('backs off exponentially while the server stays away', () => {
    const { socket } = startConnected();
    socket.drop(1006);
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      const before = FakeSocket.all.length;
      let waited = 0;
      while (FakeSocket.all.length === before) {
        vi.advanceTimersByTime(10);
        waited += 10;
      }
      delays.push(waited);
      FakeSocket.latest().drop(1006);
    }
    expect(delays[4]!).toBeGreaterThan(delays[0]!);
    expect(Math.max(...delays)).toBeLessThanOrEqual(1000);
  });

  it('queues frames while offline and sends them once the connection is back', () => {
    const { store, socket } = startConnected();
    store.subscribe('g1');
    socket.drop(1006);
    store.send({ type: 'unsubscribe', groupId: 'g9' });
    expect(store.queued()).toHaveLength(1);
    vi.advanceTimersByTime(1000);
    const again = FakeSocket.latest();
    again.open();
    expect(again.sent).toEqual([{ type: 'auth', token: 't1' }]);
    again.receive({ type: 'ready' });
    expect(again.sent.map((f) => f.type)).toEqual(['auth', 'subscribe', 'unsubscribe']);
    expect(store.queued()).toHaveLength(0);
  });

  it('drops queued typing frames that went stale while offline', () => {
    const { store, socket } = startConnected();
    socket.drop(1006);
    store.send({ type: 'typing', groupId: 'g1' });
    vi.advanceTimersByTime(10_000);
    const again = FakeSocket.latest();
    again.open();
    again.receive({ type: 'ready' });
    expect(again.framesOf('typing')).toHaveLength(0);
  });

  it('refreshes the token when the server refuses it, then authenticates with the new one', async () => {
    let token = 'old';
    const refresh = vi.fn(async () => {
      token = 'new';
      return true;
    });
    const store = useRealtimeStore();
    store.start({ url: 'ws://test/ws', token: () => token, refresh, createSocket: (u) => new FakeSocket(u), baseDelayMs: 100 });
    const socket = FakeSocket.latest();
    socket.open();
    socket.drop(4001);
    await vi.advanceTimersByTimeAsync(1000);
    expect(refresh).toHaveBeenCalledOnce();
    const again = FakeSocket.latest();
    again.open();
    expect(again.sent[0]).toEqual({ type: 'auth', token: 'new' });
  });

  it('passes resync to its listeners and resubscribes from the reloaded position', () => {
    const { store, socket } = startConnected();
    store.subscribe('g1', 'm.3.5');
    const resyncs: unknown[] = [];
    store.on('resync', (f) => resyncs.push(f));
    socket.receive({ type: 'resync', groupId: 'g1' });
    expect(resyncs).toEqual([{ type: 'resync', groupId: 'g1' }]);
    store.resubscribe('g1', 'm.3.90');
    expect(socket.framesOf('subscribe').at(-1)).toEqual({ type: 'subscribe', groupId: 'g1', after: 'm.3.90' });
  });

  it('listeners return their own unsubscribe', () => {
    const { store, socket } = startConnected();
    store.subscribe('g1');
    const seen: string[] = [];
    const off = store.on('event', (f) => seen.push(f.position));
    socket.receive(sent('g1', 1));
    off();
    socket.receive(sent('g1', 2));
    expect(seen).toEqual(['m.3.1']);
  });

  it('ignores events of groups it does not follow', () => {
    const { store, socket } = startConnected();
    const seen: unknown[] = [];
    store.on('event', (f) => seen.push(f));
    socket.receive(sent('other', 1));
    expect(seen).toHaveLength(0);
  });

  it('takes the position of a subscription from "now" as the place to resume from', () => {
    const { store, socket } = startConnected();
    store.subscribe('g1');
    socket.receive({ type: 'subscribed', groupId: 'g1', position: 'm.3.40' });
    socket.drop(1006);
    vi.advanceTimersByTime(1000);
    const again = FakeSocket.latest();
    again.open();
    again.receive({ type: 'ready' });
    expect(again.framesOf('subscribe')).toEqual([{ type: 'subscribe', groupId: 'g1', after: 'm.3.40' }]);
  });

  it('stops following a group it may not read, and retries one that was unavailable', () => {
    const { store, socket } = startConnected();
    store.subscribe('secret');
    store.subscribe('busy');
    socket.receive({ type: 'error', code: 'forbidden', message: 'join the group to follow it', groupId: 'secret' });
    socket.receive({ type: 'error', code: 'unavailable', message: 'retry shortly', groupId: 'busy' });
    expect(store.subscribed()).toEqual(['busy']);
    const before = socket.framesOf('subscribe').length;
    vi.advanceTimersByTime(2500);
    expect(socket.framesOf('subscribe').slice(before)).toEqual([{ type: 'subscribe', groupId: 'busy' }]);
  });

  it('forgets a group when the server ends the membership', () => {
    const { store, socket } = startConnected();
    store.subscribe('g1', 'm.3.1');
    const ended: unknown[] = [];
    store.on('unsubscribed', (f) => ended.push(f));
    socket.receive({ type: 'unsubscribed', groupId: 'g1', reason: 'removed' });
    expect(store.subscribed()).toEqual([]);
    expect(ended).toEqual([{ type: 'unsubscribed', groupId: 'g1', reason: 'removed' }]);
  });

  it('sends the read-your-writes position with a subscribe', () => {
    const store = useRealtimeStore();
    store.start({ url: 'ws://t/ws', token: () => 't', refresh: async () => true, minPosition: () => 'g.0.7', createSocket: (u) => new FakeSocket(u) });
    const socket = FakeSocket.latest();
    socket.open();
    socket.receive({ type: 'ready' });
    store.subscribe('g1');
    expect(socket.framesOf('subscribe')).toEqual([{ type: 'subscribe', groupId: 'g1', minPosition: 'g.0.7' }]);
  });
});

describe('realtime store: visibility frames', () => {
  class FakeDocument extends EventTarget {
    visibilityState: 'visible' | 'hidden' = 'visible';
    set(state: 'visible' | 'hidden') {
      this.visibilityState = state;
      this.dispatchEvent(new Event('visibilitychange'));
    }
  }
  let doc: FakeDocument;
  beforeEach(() => {
    setActivePinia(createPinia());
    FakeSocket.all = [];
    vi.useFakeTimers();
    doc = new FakeDocument();
    vi.stubGlobal('document', doc);
  });
  afterEach(() => {
    useRealtimeStore().stop();
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  const visibility = (socket: FakeSocket) => socket.sent.filter((f) => (f as { type: string }).type === 'visibility');

  it('says nothing while visible, then each change of the tab', () => {
    const { socket } = startConnected();
    expect(visibility(socket)).toEqual([]);
    doc.set('hidden');
    doc.set('visible');
    expect(visibility(socket)).toEqual([
      { type: 'visibility', visible: false },
      { type: 'visibility', visible: true },
    ]);
  });

  it('a hidden tab says so right after each (re)authentication, and not before', () => {
    doc.visibilityState = 'hidden';
    const { socket } = startConnected();
    expect(socket.sent.slice(0, 2)).toEqual([
      { type: 'auth', token: 't1' },
      { type: 'visibility', visible: false },
    ]);
    socket.drop(1006);
    doc.set('visible');
    doc.set('hidden');
    vi.advanceTimersByTime(1000);
    const next = FakeSocket.latest();
    expect(next).not.toBe(socket);
    next.open();
    expect(visibility(next)).toEqual([]);
    next.receive({ type: 'ready' });
    expect(next.sent).toEqual([
      { type: 'auth', token: 't1' },
      { type: 'visibility', visible: false },
    ]);
  });

  it('stops listening once stopped', () => {
    const { store, socket } = startConnected();
    store.stop();
    doc.set('hidden');
    expect(visibility(socket)).toEqual([]);
  });
});
