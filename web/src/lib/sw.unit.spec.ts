// The service worker (web/public/sw.js) run in a context of its own with a fake `self`: its push and
// notificationclick handlers, as the browser would call them.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { describe, expect, it, vi } from 'vitest';

const source = readFileSync(fileURLToPath(new URL('../../public/sw.js', import.meta.url)), 'utf8');
const ORIGIN = 'https://chat.example';

interface FakeClient {
  url: string;
  focused: boolean;
  visibilityState: 'visible' | 'hidden';
  focus: ReturnType<typeof vi.fn>;
  navigate: ReturnType<typeof vi.fn>;
}

function client(path: string, focused = true, visibilityState: 'visible' | 'hidden' = 'visible'): FakeClient {
  const c: FakeClient = { url: `${ORIGIN}${path}`, focused, visibilityState, focus: vi.fn(), navigate: vi.fn(async () => c) };
  c.focus.mockResolvedValue(c);
  return c;
}

function worker(open: FakeClient[] = []) {
  const listeners = new Map<string, (event: unknown) => void>();
  const shown: { title: string; options: { body: string; tag: string; data: { url: string } } }[] = [];
  const self = {
    location: new URL(`${ORIGIN}/sw.js`),
    addEventListener: (type: string, fn: (event: unknown) => void) => listeners.set(type, fn),
    skipWaiting: vi.fn(),
    registration: { showNotification: vi.fn(async (title: string, options: (typeof shown)[number]['options']) => void shown.push({ title, options })) },
    clients: { matchAll: vi.fn(async () => open), openWindow: vi.fn(async () => null), claim: vi.fn() },
  };
  runInNewContext(source, { self, URL, encodeURIComponent });
  async function dispatch(type: string, event: object) {
    let done: Promise<unknown> = Promise.resolve();
    listeners.get(type)!({ ...event, waitUntil: (p: Promise<unknown>) => (done = p) });
    await done;
  }
  const push = (payload: unknown) => dispatch('push', { data: { json: () => payload } });
  const click = (url: string) => {
    const notification = { data: { url }, close: vi.fn() };
    return dispatch('notificationclick', { notification }).then(() => notification);
  };
  return { self, shown, push, click };
}

const payload = (over: Record<string, unknown> = {}) => ({
  type: 'message',
  groupId: 'g1',
  groupName: 'Rust',
  messageId: 'm1',
  sender: { userId: 'u1', displayName: 'Ada' },
  reason: 'mention',
  text: 'borrowck again?',
  url: '/groups/g1/messages/m1',
  ...over,
});

describe('service worker: push', () => {
  it('shows the group as title, "name: text" as body, tagged with the message and carrying its url', async () => {
    const w = worker();
    await w.push(payload());
    expect(w.shown).toEqual([{ title: 'Rust', options: { body: 'Ada: borrowck again?', tag: 'm1', data: { url: '/groups/g1/messages/m1', groupId: 'g1' } } }]);
  });

  it('without text says why, per reason', async () => {
    const w = worker();
    for (const reason of ['mention', 'broadcast', 'reply', 'direct', 'message']) await w.push(payload({ reason, text: null }));
    expect(w.shown.map((s) => s.options.body)).toEqual([
      'Ada mentioned you',
      'Ada mentioned you',
      'Ada replied to you',
      'Ada sent you a message',
      'Ada sent a message',
    ]);
  });

  it('shows nothing while a focused visible window shows that conversation; a hidden one or another conversation does not count', async () => {
    const looking = worker([client('/groups/g1')]);
    await looking.push(payload());
    expect(looking.shown).toEqual([]);
    const elsewhere = worker([client('/groups/g2'), client('/groups/g1', false), client('/groups/g1', true, 'hidden')]);
    await elsewhere.push(payload());
    expect(elsewhere.shown).toHaveLength(1);
  });

  it('ignores a payload that is not a message or not JSON, and keeps clicks on this origin', async () => {
    const w = worker();
    await w.push({ type: 'other' });
    await w.push(null);
    expect(w.shown).toEqual([]);
    await w.push(payload({ url: '//evil.example/x' }));
    await w.push(payload({ url: 'https://evil.example/x' }));
    expect(w.shown.map((s) => s.options.data.url)).toEqual(['/groups/g1', '/groups/g1']);
  });
});

describe('service worker: notificationclick', () => {
  it('focuses an open window and navigates it to the message', async () => {
    const other = client('/groups/g2', false);
    const w = worker([other]);
    const n = await w.click('/groups/g1/messages/m1');
    expect(n.close).toHaveBeenCalled();
    expect(other.focus).toHaveBeenCalled();
    expect(other.navigate).toHaveBeenCalledWith(`${ORIGIN}/groups/g1/messages/m1`);
    expect(w.self.clients.openWindow).not.toHaveBeenCalled();
  });

  it('opens a window when none is open, or when the open one cannot be navigated', async () => {
    const none = worker();
    await none.click('/groups/g1/messages/m1');
    expect(none.self.clients.openWindow).toHaveBeenCalledWith(`${ORIGIN}/groups/g1/messages/m1`);
    const stuck = client('/');
    stuck.navigate.mockRejectedValue(new TypeError('not controlled'));
    const w = worker([stuck]);
    await w.click('/groups/g1');
    expect(w.self.clients.openWindow).toHaveBeenCalledWith(`${ORIGIN}/groups/g1`);
  });
});
