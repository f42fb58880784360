import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from '@groupchat/test-kit';
import { World, latest, token, type Registered } from './support/world';

interface Item {
  id: string;
  text: string | null;
  position: string;
  deleted: boolean;
  editedAt: string | null;
  reactions: { emoji: string; count: number; mine: boolean; userIds: string[] }[];
}

const offsetOf = (position: string) => BigInt(position.split('.')[2]!);

describe('message history', () => {
  let w: World;
  let alice: Registered, bob: Registered;

  beforeAll(async () => {
    w = await World.start();
    alice = await w.user('alice');
    bob = await w.user('bob');
  });
  afterAll(() => w?.close());

  /** Reads once the projections hold `position`: a client retrying its 503 read_model_behind while a large backlog is projected. */
  const settled = (path: string, position: string | string[]) =>
    waitUntil(
      async () => {
        const res = await w.get(path, alice, position);
        return res.status === 503 ? undefined : res;
      },
      { timeoutMs: 60_000, what: `${path} at ${position}` },
    );

  async function post(groupId: string, from: number, count: number) {
    const events = Array.from({ length: count }, (_, i) => w.sent(groupId, i % 2 ? bob : alice, `#${from + i}`));
    const results = await w.log.appendMany(events.map((event) => ({ event, key: groupId })));
    return token(results[results.length - 1]!);
  }

  it('pages through 10,000 messages while 1,000 more arrive: no duplicate, no gap, newest last', async () => {
    const group = await w.group(alice, { name: 'busy' });
    let lastPosition = '';
    for (let from = 0; from < 10_000; from += 2_000) lastPosition = await post(group.id, from, 2_000);
    const first = await settled(`/groups/${group.id}/messages?limit=200`, latest(group.position, lastPosition));
    expect(first.status).toBe(200);

    // The 1,000 arrive in batches of 50 while the reader walks back through history.
    const arriving = (async () => {
      let position = '';
      for (let from = 10_000; from < 11_000; from += 50) position = await post(group.id, from, 50);
      return position;
    })();

    const seen: Item[] = [...(first.body.items as Item[])];
    let page = first.body;
    while (page.hasMore) {
      const res = await w.get(`/groups/${group.id}/messages?limit=200&before=${page.nextBefore}`, alice);
      expect(res.status).toBe(200);
      seen.unshift(...res.body.items);
      page = res.body;
    }
    const arrivedAt = await arriving;
    let forward = { hasMore: true, nextAfter: first.body.nextAfter };
    while (forward.hasMore) {
      const res = await settled(`/groups/${group.id}/messages?limit=200&after=${forward.nextAfter}`, arrivedAt);
      expect(res.status).toBe(200);
      seen.push(...res.body.items);
      forward = { hasMore: res.body.hasMore, nextAfter: res.body.nextAfter ?? forward.nextAfter };
    }

    const ids = new Set(seen.map((m) => m.id));
    expect(ids.size).toBe(seen.length);
    expect(seen.map((m) => m.text)).toEqual(Array.from({ length: 11_000 }, (_, i) => `#${i}`));
    for (let i = 1; i < seen.length; i++) expect(offsetOf(seen[i]!.position)).toBeGreaterThan(offsetOf(seen[i - 1]!.position));
  });

  it('keeps the default page at 50, caps the limit at 200, and pages by position between two cursors', async () => {
    const group = await w.group(alice, { name: 'limits' });
    const last = await post(group.id, 0, 120);
    const all = await settled(`/groups/${group.id}/messages`, latest(group.position, last));
    expect(all.body.items).toHaveLength(50);
    expect(all.body.items[49].text).toBe('#119');
    expect(all.body.hasMore).toBe(true);
    expect((await w.get(`/groups/${group.id}/messages?limit=201`, alice)).status).toBe(422);
    expect((await w.get(`/groups/${group.id}/messages?before=g.0.12`, alice)).body.code).toBe('invalid_position');

    const oldest = await w.get(`/groups/${group.id}/messages?limit=10&before=${all.body.nextBefore}`, alice);
    const between = await w.get(`/groups/${group.id}/messages?after=${oldest.body.items[0].position}&before=${oldest.body.items[9].position}`, alice);
    expect(between.body.items.map((m: Item) => m.text)).toEqual(oldest.body.items.slice(1, 9).map((m: Item) => m.text));
    expect(between.body.hasMore).toBe(false);

    const empty = await w.get(`/groups/${group.id}/messages?after=${last}`, alice);
    expect(empty.body).toEqual({ items: [], hasMore: false });
  });

  it('shows edits, deletions and aggregated reactions with the caller’s own marked', async () => {
    const group = await w.group(alice, { name: 'reactions' });
    await w.join(group.id, bob);
    const edited = await w.send(group.id, alice, 'first draft');
    const removed = await w.send(group.id, bob, 'oops');
    const g = (type: 'MessageEdited' | 'MessageDeleted' | 'ReactionAdded' | 'ReactionRemoved', actor: Registered, payload: object) =>
      w.append(w.event(type, actor.id, { groupId: group.id, ...payload } as never), group.id);
    await g('MessageEdited', alice, { messageId: edited.id, text: 'final text' });
    await g('ReactionAdded', alice, { messageId: edited.id, userId: alice.id, emoji: '👍' });
    await g('ReactionAdded', bob, { messageId: edited.id, userId: bob.id, emoji: '👍' });
    await g('ReactionAdded', bob, { messageId: edited.id, userId: bob.id, emoji: '🎉' });
    await g('ReactionAdded', bob, { messageId: edited.id, userId: bob.id, emoji: '😮' });
    await g('ReactionRemoved', bob, { messageId: edited.id, userId: bob.id, emoji: '😮' });
    await g('ReactionAdded', alice, { messageId: removed.id, userId: alice.id, emoji: '👍' });
    const done = await g('MessageDeleted', bob, { messageId: removed.id });

    const res = await settled(`/groups/${group.id}/messages`, done);
    const [a, b] = res.body.items;
    expect(a).toMatchObject({ id: edited.id, text: 'final text', deleted: false });
    expect(a!.reactions).toHaveLength(2);
    expect(a!.reactions).toEqual(
      expect.arrayContaining([
        { emoji: '👍', count: 2, mine: true, userIds: [alice.id, bob.id] },
        { emoji: '🎉', count: 1, mine: false, userIds: [bob.id] },
      ]),
    );
    expect(a!.editedAt).toEqual(expect.any(String));
    expect(b).toMatchObject({ id: removed.id, text: null, deleted: true, reactions: [], attachments: [] });
    const asBob = await w.get<{ items: Item[] }>(`/groups/${group.id}/messages`, bob);
    expect(asBob.body.items[0]!.reactions).toEqual(
      expect.arrayContaining([
        { emoji: '👍', count: 2, mine: true, userIds: [alice.id, bob.id] },
        { emoji: '🎉', count: 1, mine: true, userIds: [bob.id] },
      ]),
    );
  });
});
