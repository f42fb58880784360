import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from '@groupchat/test-kit';
import { World, latest, type Registered } from './support/world';

describe('discovery, recommendations, profiles and search', () => {
  let w: World;
  let ada: Registered, ben: Registered, cy: Registered;
  const tag = Date.now().toString(36);
  const groups: Record<string, { id: string; position: string }> = {};
  let last: string[];

  beforeAll(async () => {
    w = await World.start();
    ada = await w.user('ada', ['astronomy', 'chess'], 'Ada Lovelace');
    ben = await w.user('ben', ['cooking'], 'Ben Okri');
    cy = await w.user('cy', ['Astronomy'], 'Cy Twombly');
    groups.stars = await w.group(ben, { name: `Stargazers ${tag}`, description: 'telescopes and dark skies', interests: ['astronomy', 'optics'] });
    groups.chess = await w.group(ben, { name: `Chess ${tag}`, description: 'openings and endgames', interests: ['chess'] });
    groups.soup = await w.group(ben, { name: `Soup ${tag}`, description: 'broth', interests: ['cooking'] });
    groups.knit = await w.group(cy, { name: `Knitting ${tag}`, description: 'yarn', interests: ['crafts'] });
    // Ben's peer Cy also owns knitting, so co-membership points Ben there.
    const joins = [await w.join(groups.soup.id, cy), await w.join(groups.chess.id, cy), await w.join(groups.soup.id, ada)];
    const talk = await w.send(groups.soup.id, ben, 'Stir the broth slowly');
    last = latest(ada.position, ben.position, cy.position, ...Object.values(groups).map((g) => g.position), ...joins, talk.position);
  });
  afterAll(() => w?.close());

  it('finds groups by partial words, with interest facets, and filters by interest case-insensitively', async () => {
    const res = await w.get(`/groups?q=stargaz`, ada, last);
    expect(res.status).toBe(200);
    expect(res.body.items[0]).toMatchObject({ id: groups.stars!.id, memberCount: 1, myRole: null, visibility: 'public' });
    const all = await w.get(`/groups?q=${tag}`, ada, last);
    expect(all.body.total).toBe(4);
    expect(all.body.facets.interests).toEqual(
      expect.arrayContaining([
        { value: 'astronomy', count: 1 },
        { value: 'chess', count: 1 },
      ]),
    );
    const filtered = await w.get(`/groups?q=${tag}&interest=Chess`, ada, last);
    expect(filtered.body.items.map((g: { id: string }) => g.id)).toEqual([groups.chess!.id]);
    // Facets still describe the whole query, so the other interests remain choosable.
    expect(filtered.body.facets.interests.length).toBeGreaterThan(1);
  });

  it('sorts by size and pages with a cursor without repeating a group', async () => {
    const first = await w.get(`/groups?q=${tag}&sort=size&limit=2`, ada, last);
    expect(first.body.items.map((g: { memberCount: number }) => g.memberCount)).toEqual([3, 2]);
    const second = await w.get(`/groups?q=${tag}&sort=size&limit=2&cursor=${first.body.nextCursor}`, ada);
    expect(second.body.items).toHaveLength(2);
    expect(second.body.nextCursor).toBeNull();
    const ids = [...first.body.items, ...second.body.items].map((g: { id: string }) => g.id);
    expect(new Set(ids).size).toBe(4);
    expect((await w.get(`/groups?sort=activity&cursor=${first.body.nextCursor}`, ada)).body.code).toBe('invalid_cursor');
    expect((await w.get(`/groups?sort=loudest`, ada)).status).toBe(422);
  });

  it('sorts by activity: the group with the latest message first', async () => {
    const res = await w.get(`/groups?q=${tag}&sort=activity`, ada, last);
    expect(res.body.items[0].id).toBe(groups.soup!.id);
    expect(res.body.items[0].lastActivityAt).toEqual(expect.any(String));
  });

  it('recommends by shared interests, then by what members of your groups also joined', async () => {
    const forAda = (await w.get('/groups/recommended', ada, last)).body.items;
    expect(
      forAda
        .slice(0, 2)
        .map((g: { id: string }) => g.id)
        .sort(),
    ).toEqual([groups.stars!.id, groups.chess!.id].sort());
    expect(forAda[0].reasons.sharedInterests.length).toBe(1);
    const forBen = (await w.get('/groups/recommended', ben, last)).body.items;
    expect(forBen[0]).toMatchObject({ id: groups.knit!.id, reasons: { sharedInterests: [], membersFromYourGroups: 1 } });
    expect(forBen.map((g: { id: string }) => g.id)).not.toContain(groups.soup!.id);
  });

  it('finds users by partial username or display name, never showing emails', async () => {
    const res = await w.get(`/users?q=lovel`, ben, last);
    expect(res.status).toBe(200);
    expect(res.body.items[0]).toEqual({
      id: ada.id,
      username: ada.username,
      displayName: 'Ada Lovelace',
      interests: ['astronomy', 'chess'],
      avatarMediaId: null,
    });
    const byName = await w.get(`/users?q=${ada.username.slice(0, 6)}`, ben, last);
    expect(byName.body.items.map((u: { id: string }) => u.id)).toContain(ada.id);
    const profile = await w.get(`/users/${ada.id}`, ben, last);
    expect(profile.body).toMatchObject({ id: ada.id, username: ada.username, displayName: 'Ada Lovelace' });
    expect(profile.body.email).toBeUndefined();
    expect((await w.get('/users/u-nobody', ben)).status).toBe(404);
  });

  it('shows the caller their groups with roles on /me', async () => {
    const res = await w.get('/me', cy, last);
    expect(res.body.email).toBe(`${cy.username}@example.com`);
    expect(res.body.groups.map((g: { groupId: string; role: string }) => [g.groupId, g.role]).sort()).toEqual(
      [
        [groups.knit!.id, 'owner'],
        [groups.soup!.id, 'member'],
        [groups.chess!.id, 'member'],
      ].sort(),
    );
  });

  it('makes a sent message findable by search within 2 s', async () => {
    const word = `quasar${Date.now().toString(36)}`;
    const started = performance.now();
    const sent = await w.send(groups.soup!.id, ben, `a <b>${word}</b> in the soup`);
    const hit = await waitUntil(async () => (await w.get(`/search/messages?q=${word}`, cy)).body.items?.[0], {
      timeoutMs: 10_000,
      intervalMs: 25,
      what: 'the message in search',
    });
    const lag = performance.now() - started;
    console.log(`search lag (append → searchable): ${lag.toFixed(0)} ms`);
    expect(hit).toMatchObject({ id: sent.id, groupId: groups.soup!.id, senderId: ben.id, position: sent.position });
    expect(hit.highlight[0]).toContain(`&lt;b&gt;<mark>${word}</mark>&lt;&#x2F;b&gt;`);
    expect(lag).toBeLessThan(2000);
  });

  it('narrows a search by from:, in:, has:, before: and after:, and finds replies in threads with their thread', async () => {
    const word = `nebula${Date.now().toString(36)}`;
    const image = {
      mediaId: 'img-1',
      kind: 'image' as const,
      contentType: 'image/png',
      size: 10,
      fileName: 'a.png',
      width: 1,
      height: 1,
      durationMs: null,
      thumbnailMediaId: null,
    };
    const plain = await w.send(groups.soup!.id, ben, `${word} plain`);
    const linked = await w.send(groups.chess!.id, cy, `${word} see https://example.com/x`);
    const pictured = w.sent(groups.soup!.id, cy, `${word} picture`, [image]);
    await w.append(pictured, groups.soup!.id);
    const reply = w.event('MessageSent', ben.id, { ...w.sent(groups.soup!.id, ben, `${word} in a thread`), threadId: plain.id });
    const done = await w.append(reply, groups.soup!.id);
    const ids = async (q: string) =>
      (await w.get(`/search/messages?q=${encodeURIComponent(q)}&sort=recent`, cy, [done])).body.items.map((h: { id: string }) => h.id);
    await waitUntil(async () => (await ids(word)).length === 4, { timeoutMs: 10_000, intervalMs: 50, what: 'all four messages searchable' });
    expect(await ids(`${word} from:${ben.username}`)).toEqual([reply.messageId, plain.id]);
    expect(await ids(`${word} from:@nobody-at-all`)).toEqual([]);
    expect(await ids(`${word} in:"Chess ${tag}"`)).toEqual([linked.id]);
    expect(await ids(`${word} has:link`)).toEqual([linked.id]);
    expect(await ids(`${word} has:image`)).toEqual([pictured.messageId]);
    expect(await ids(`from:@${cy.username} has:file ${word}`)).toEqual([pictured.messageId]);
    expect(await ids(`${word} before:2000-01-01`)).toEqual([]);
    expect((await ids(`${word} after:2000-01-01`)).length).toBe(4);
    const hit = (await w.get(`/search/messages?q=${encodeURIComponent(`${word} thread`)}`, cy, [done])).body.items[0];
    expect(hit).toMatchObject({ id: reply.messageId, threadId: plain.id });
  });

  it('refuses a message search without text', async () => {
    const res = await w.get('/search/messages?q=', cy);
    expect(res.status).toBe(422);
    expect(res.body.errors[0].field).toBe('q');
  });
});
