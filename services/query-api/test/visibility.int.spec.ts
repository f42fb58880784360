import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { World, latest, type Actor, type Registered } from './support/world';

/**
 * Every public/private × member/non-member combination, for the group itself, its members,
 * its messages and search. Alice owns both groups, Bob is a member of both, Carol of neither,
 * Dave is invited to the private one.
 */
describe('visibility of groups, members, messages and search', () => {
  let w: World;
  let alice: Registered, bob: Registered, carol: Registered, dave: Registered;
  const pub = { id: '', position: '' };
  const priv = { id: '', position: '' };
  let last: string[];
  const word = `kumquat${Date.now().toString(36)}`;

  beforeAll(async () => {
    w = await World.start();
    const users = await Promise.all(['alice', 'bob', 'carol', 'dave'].map((n) => w.user(n, ['orchids'])));
    [alice, bob, carol, dave] = users as [Registered, Registered, Registered, Registered];
    Object.assign(pub, await w.group(alice, { name: `Open ${word} garden`, description: 'everyone welcome', interests: ['orchids', 'ferns'] }));
    Object.assign(
      priv,
      await w.group(alice, { name: `Secret ${word} garden`, description: 'members only', interests: ['orchids', 'bonsai'], visibility: 'private' }),
    );
    const joins = await Promise.all([w.join(pub.id, bob), w.join(priv.id, bob, 'member', 'invite'), w.invite(priv.id, dave, alice)]);
    const sent = await Promise.all([w.send(pub.id, alice, `public ${word} talk`), w.send(priv.id, alice, `private ${word} talk`)]);
    last = latest(...users.map((u) => u.position), ...joins, ...sent.map((s) => s.position));
  });
  afterAll(() => w?.close());

  const cases: [string, number, () => Actor, () => { id: string }][] = [
    ['public group, member', 200, () => bob, () => pub],
    ['public group, non-member', 200, () => carol, () => pub],
    ['private group, member', 200, () => bob, () => priv],
    ['private group, non-member', 404, () => carol, () => priv],
  ];

  it.each(cases)('GET /groups/:id — %s → %i', async (_c, status, who, group) => {
    const res = await w.get(`/groups/${group().id}`, who(), last);
    expect(res.status).toBe(status);
    if (status === 200) {
      expect(res.body.id).toBe(group().id);
      expect(res.body.memberCount).toBe(2);
      expect(res.body.myRole).toBe(who() === bob ? 'member' : null);
    } else {
      expect(res.body.code).toBe('not_found');
    }
  });

  it('an invitee sees the private group they are invited to (to accept it), but not its members or messages', async () => {
    const detail = await w.get(`/groups/${priv.id}`, dave, last);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ invited: true, myRole: null, visibility: 'private' });
    expect((await w.get(`/groups/${priv.id}/members`, dave, last)).status).toBe(404);
    expect((await w.get(`/groups/${priv.id}/messages`, dave, last)).status).toBe(404);
  });

  it.each(cases)('GET /groups/:id/members — %s → %i', async (_c, status, who, group) => {
    const res = await w.get(`/groups/${group().id}/members`, who(), last);
    expect(res.status).toBe(status);
    if (status === 200) {
      expect(res.body.items.map((m: { userId: string; role: string }) => [m.userId, m.role])).toEqual([
        [alice.id, 'owner'],
        [bob.id, 'member'],
      ]);
    }
  });

  it.each(cases)('GET /groups/:id/messages — %s → %i', async (_c, status, who, group) => {
    const res = await w.get(`/groups/${group().id}/messages`, who(), last);
    expect(res.status).toBe(status);
    if (status === 200) expect(res.body.items).toHaveLength(1);
  });

  it.each([
    ['member of both', 2, () => bob, ''],
    ['member of both, narrowed to the private group', 1, () => bob, 'priv'],
    ['member of neither', 0, () => carol, ''],
    ['non-member naming the public group', 0, () => carol, 'pub'],
    ['non-member naming the private group', 0, () => carol, 'priv'],
    ['invitee naming the private group', 0, () => dave, 'priv'],
  ] as const)('GET /search/messages — %s finds %i', async (_c, count, who, narrow) => {
    const groupId = narrow === 'pub' ? pub.id : narrow === 'priv' ? priv.id : '';
    const res = await w.get(`/search/messages?q=${word}${groupId ? `&groupId=${groupId}` : ''}`, who(), last);
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(count);
    expect(res.body.total).toBe(count);
    for (const hit of res.body.items) expect(hit.highlight.join(' ')).toContain(`<mark>${word}</mark>`);
  });

  it.each([
    ['member', () => bob, [true, true]],
    ['non-member', () => carol, [true, false]],
    ['invitee', () => dave, [true, false]],
  ] as const)('GET /groups?q= — a %s finds the public group, and the private one only as a member', async (_c, who, [seesPub, seesPriv]) => {
    const res = await w.get(`/groups?q=${word}`, who(), last);
    expect(res.status).toBe(200);
    const ids = res.body.items.map((g: { id: string }) => g.id);
    expect(ids.includes(pub.id)).toBe(seesPub);
    expect(ids.includes(priv.id)).toBe(seesPriv);
    // Facets count only what the caller may see: bonsai is the private group's alone.
    const bonsai = res.body.facets.interests.find((f: { value: string }) => f.value === 'bonsai');
    expect(bonsai?.count ?? 0).toBe(seesPriv ? 1 : 0);
  });

  it('recommends a private group only to someone invited to it, and never a group already joined', async () => {
    const forCarol = (await w.get('/groups/recommended', carol, last)).body.items.map((g: { id: string }) => g.id);
    const forDave = (await w.get('/groups/recommended', dave, last)).body.items.map((g: { id: string }) => g.id);
    const forBob = (await w.get('/groups/recommended', bob, last)).body.items.map((g: { id: string }) => g.id);
    expect(forCarol).toContain(pub.id);
    expect(forCarol).not.toContain(priv.id);
    expect(forDave).toEqual(expect.arrayContaining([pub.id, priv.id]));
    expect(forBob).not.toContain(pub.id);
    expect(forBob).not.toContain(priv.id);
  });

  it('answers 401 without a token, on every query route', async () => {
    for (const path of [
      '/me',
      '/users?q=a',
      `/users/${bob.id}`,
      '/groups',
      '/groups/recommended',
      `/groups/${pub.id}`,
      `/groups/${pub.id}/members`,
      `/groups/${pub.id}/messages`,
      '/search/messages?q=a',
    ]) {
      const res = await w.get(path);
      expect(res.status, path).toBe(401);
    }
  });
});
