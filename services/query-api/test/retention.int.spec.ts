import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from '@groupchat/test-kit';
import { World, type Registered } from './support/world';

const DAY = 86_400_000;

/** Retention (docs/privacy.md): once a group keeps N days, older messages are not served, swept or not. */
describe('a group’s retention at read time', () => {
  let w: World;
  let alice: Registered;

  beforeAll(async () => {
    w = await World.start();
    alice = await w.user('alice');
  });
  afterAll(() => w?.close());

  it('leaves messages older than retentionDays out of history and search, and brings them back when kept forever', async () => {
    const g = await w.group(alice);
    const word = `retained${Date.now()}`;
    // A message sent 40 days ago, as the log holds it, and one sent now.
    const old = { ...w.sent(g.id, alice, `old ${word}`), occurredAt: Date.now() - 40 * DAY };
    await w.append(old, g.id);
    const fresh = await w.send(g.id, alice, `new ${word}`);
    const ids = async (path: string, at: string) => ((await w.get(path, alice, at)).body.items as { id: string }[]).map((m) => m.id).sort();
    const search = `/search/messages?q=${word}&groupId=${g.id}`;
    const both = [old.messageId, fresh.id].sort();
    expect(await ids(`/groups/${g.id}/messages`, fresh.position)).toEqual(both);
    await waitUntil(async () => ((await ids(search, fresh.position)).length === 2 ? true : undefined), { timeoutMs: 30_000, what: 'both indexed' });

    expect((await w.get(`/groups/${g.id}/messages?around=${old.messageId}`, alice, fresh.position)).status).toBe(200);
    expect((await w.get(`/groups/${g.id}/threads/${old.messageId}/messages`, alice, fresh.position)).status).toBe(200);

    const update = (retentionDays: number) =>
      w.event('GroupUpdated', alice.id, {
        groupId: g.id,
        name: null,
        description: null,
        interests: null,
        visibility: null,
        slowModeSeconds: null,
        retentionDays,
      });
    const set = await w.append(update(30), g.id);
    expect((await w.get(`/groups/${g.id}`, alice, set)).body.retentionDays).toBe(30);
    expect(await ids(`/groups/${g.id}/messages`, set)).toEqual([fresh.id]);
    expect(await ids(search, set)).toEqual([fresh.id]);
    // A permalink to it and its thread are gone too.
    expect((await w.get(`/groups/${g.id}/messages?around=${old.messageId}`, alice, set)).status).toBe(404);
    expect((await w.get(`/groups/${g.id}/threads/${old.messageId}/messages`, alice, set)).status).toBe(404);
    expect((await w.get(`/groups/${g.id}/threads/${fresh.id}/messages`, alice, set)).status).toBe(200);

    const forever = await w.append(update(0), g.id);
    expect((await w.get(`/groups/${g.id}`, alice, forever)).body.retentionDays).toBeNull();
    expect(await ids(`/groups/${g.id}/messages`, forever)).toEqual(both);
  });
});
