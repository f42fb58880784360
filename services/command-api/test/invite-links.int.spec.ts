import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_ABUSE_LIMITS, startTestApp, type TestApp } from '@groupchat/test-kit/app';
import { waitUntil } from '@groupchat/test-kit';
import { apiOf, expectStatus, readingOwnWrites, registerUsers, type Api, type TestUser } from './support/client';

/** Invite links on the real app: a link opens a private group, and only while it works. */
describe('invite links on the real app', () => {
  let app: TestApp;
  let api: Api;
  let ada: TestUser; // owner
  let mo: TestUser; // moderator
  let bo: TestUser; // member
  let cy: TestUser;
  let di: TestUser;
  let ed: TestUser; // banned
  let closed: string;
  const { as, ok } = readingOwnWrites();
  const link = async (body: object, by: TestUser = ada) =>
    (await ok(api.post(`/groups/${closed}/invite-links`, body, as(by)))) as unknown as { code: string; url: string };
  const refused = async (code: string, u: TestUser, status: number, problem: string) => {
    const res = await api.post(`/invite-links/${code}/join`, undefined, as(u));
    expectStatus(res, status);
    expect(res.body).toMatchObject({ code: problem });
  };

  beforeAll(async () => {
    app = await startTestApp(NO_ABUSE_LIMITS);
    api = apiOf(app);
    [ada, mo, bo, cy, di, ed] = await registerUsers(api, ['ada', 'mo', 'bo', 'cy', 'di', 'ed']);
    closed = (await ok(api.post('/groups', { name: 'Closed links', description: 'by link only', visibility: 'private' }, as(ada)))).groupId;
    for (const u of [mo, bo]) {
      await ok(api.post(`/groups/${closed}/invites`, { userId: u.userId }, as(ada)));
      await ok(api.post(`/groups/${closed}/join`, undefined, as(u)));
    }
    await ok(api.put(`/groups/${closed}/members/${mo.userId}/role`, { role: 'moderator' }, as(ada)));
  });
  afterAll(async () => {
    await app?.close();
  });

  it('joins a new user to a private group by a link, shown first as "Join <group>?"', async () => {
    const { code, url } = await link({}, mo);
    expect(code).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(url).toBe(`${app.url}/invite/${code}`);
    expectStatus(await api.get(`/groups/${closed}`, as(cy)), 404);
    const preview = await api.get(`/invite-links/${code}`, as(cy));
    expectStatus(preview);
    expect(preview.body).toMatchObject({ groupId: closed, name: 'Closed links', description: 'by link only', memberCount: 3, isMember: false });
    const joined = await ok(api.post(`/invite-links/${code}/join`, undefined, as(cy)));
    expect(joined.groupId).toBe(closed);
    expectStatus(await api.get(`/groups/${closed}/messages`, as(cy)));
    await refused(code, cy, 409, 'already_member');
    const list = await api.get(`/groups/${closed}/invite-links`, as(mo));
    expectStatus(list);
    expect(list.body.items.find((l: { code: string }) => l.code === code)).toMatchObject({
      createdBy: mo.userId,
      expiresAt: null,
      maxUses: null,
      uses: 1,
      revoked: false,
      works: true,
    });
  });

  it('refuses a used-up, a revoked, an expired and an unknown link with one answer', async () => {
    const once = await link({ maxUses: 1 });
    await ok(api.post(`/invite-links/${once.code}/join`, undefined, as(di)));
    await refused(once.code, ed, 404, 'invite_link_invalid');
    expectStatus(await api.get(`/invite-links/${once.code}`, as(ed)), 404);

    const revoked = await link({});
    await ok(api.del(`/groups/${closed}/invite-links/${revoked.code}`, undefined, as(mo)));
    await refused(revoked.code, ed, 404, 'invite_link_invalid');
    expectStatus(await api.del(`/groups/${closed}/invite-links/${revoked.code}`, undefined, as(mo)), 409);

    const brief = await link({ expiresAt: new Date(Date.now() + 1500).toISOString() });
    await waitUntil(async () => (await api.get(`/invite-links/${brief.code}`, as(ed))).status === 404, { what: 'the link to expire', timeoutMs: 10_000 });
    await refused(brief.code, ed, 404, 'invite_link_invalid');

    await refused('no-such-link-code-at-all', ed, 404, 'invite_link_invalid');
    expectStatus(await api.get(`/invite-links/no-such-link-code-at-all`, as(ed)), 404);
    const list = await api.get(`/groups/${closed}/invite-links`, as(ada));
    expect(list.body.items.find((l: { code: string }) => l.code === once.code)).toMatchObject({ uses: 1, maxUses: 1, works: false });
    expect(list.body.items.find((l: { code: string }) => l.code === revoked.code)).toMatchObject({ revoked: true, works: false });
  });

  it('holds a use limit when many join by one link at once', async () => {
    const people = await registerUsers(api, ['p1', 'p2', 'p3', 'p4', 'p5']);
    const { code } = await link({ maxUses: 2 });
    const answers = await Promise.all(people.map((u) => api.post(`/invite-links/${code}/join`, undefined, as(u))));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(2);
    expect(answers.filter((a) => a.status === 404)).toHaveLength(3);
  });

  it("refuses a banned user's use", async () => {
    await ok(api.post(`/groups/${closed}/bans`, { userId: ed.userId, reason: 'spam' }, as(mo)));
    const { code } = await link({});
    await refused(code, ed, 403, 'banned');
  });

  it('lets only moderators and above create, list and revoke links, and none in a direct conversation', async () => {
    const { code } = await link({});
    expectStatus(await api.post(`/groups/${closed}/invite-links`, {}, as(bo)), 403);
    expectStatus(await api.get(`/groups/${closed}/invite-links`, as(bo)), 403);
    expectStatus(await api.del(`/groups/${closed}/invite-links/${code}`, undefined, as(bo)), 403);
    const outsider = (await registerUsers(api, ['zed']))[0]!;
    expectStatus(await api.post(`/groups/${closed}/invite-links`, {}, as(outsider)), 404);
    expectStatus(await api.get(`/groups/${closed}/invite-links`, as(outsider)), 404);
    expectStatus(await api.post(`/groups/${closed}/invite-links`, { maxUses: 0 }, as(ada)), 422);
    expectStatus(await api.post(`/groups/${closed}/invite-links`, { expiresAt: new Date(Date.now() - 1000).toISOString() }, as(ada)), 422);
    const dm = await ok(api.post('/dms', { userIds: [bo.userId] }, as(ada)));
    const inDm = await api.post(`/groups/${dm.groupId}/invite-links`, {}, as(ada));
    expectStatus(inDm, 403);
    expect(inDm.body).toMatchObject({ code: 'direct_conversation' });
  });

  it('lets a moderator revoke an invite by user: the invited person can no longer see or join the group', async () => {
    const [fay] = await registerUsers(api, ['fay']);
    await ok(api.post(`/groups/${closed}/invites`, { userId: fay.userId }, as(mo)));
    expectStatus(await api.get(`/groups/${closed}`, as(fay)));
    // Moderators see it pending, with who invited and when it lapses; members do not.
    const pending = await api.get(`/groups/${closed}/invites`, as(mo));
    expect(pending.body.items.find((i: { userId: string }) => i.userId === fay.userId)).toMatchObject({
      username: fay.username,
      invitedBy: mo.userId,
      expiresAt: expect.any(String),
    });
    expectStatus(await api.get(`/groups/${closed}/invites`, as(bo)), 403);
    expectStatus(await api.del(`/groups/${closed}/invites/${fay.userId}`, undefined, as(bo)), 403);
    await ok(api.del(`/groups/${closed}/invites/${fay.userId}`, undefined, as(mo)));
    expect((await api.get(`/groups/${closed}/invites`, as(mo))).body.items.some((i: { userId: string }) => i.userId === fay.userId)).toBe(false);
    expectStatus(await api.get(`/groups/${closed}`, as(fay)), 404);
    expectStatus(await api.post(`/groups/${closed}/join`, undefined, as(fay)), 404);
    expectStatus(await api.del(`/groups/${closed}/invites/${fay.userId}`, undefined, as(mo)), 404);
  });
});
