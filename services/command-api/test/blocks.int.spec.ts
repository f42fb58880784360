import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_ABUSE_LIMITS, startTestApp, type TestApp } from '@groupchat/test-kit/app';
import { TestClient, type Frame } from '../../realtime/test/support/client';
import { apiOf, expectStatus, readingOwnWrites, registerUsers, type Api, type TestUser } from './support/client';

const online = (f: Frame) => (f.online as string[] | undefined) ?? [];

/** A block hides the blocked person from the blocker only, and the blocked person cannot reach them. */
describe('blocking on the real app', () => {
  let app: TestApp;
  let api: Api;
  let ada: TestUser; // blocks bo
  let bo: TestUser;
  let cy: TestUser;
  let group: string;
  const { as, ok } = readingOwnWrites();
  const history = async (u: TestUser) => {
    const res = await api.get(`/groups/${group}/messages`, as(u));
    expectStatus(res);
    return res.body.items as { id: string; senderBlocked: boolean }[];
  };

  beforeAll(async () => {
    app = await startTestApp(NO_ABUSE_LIMITS);
    api = apiOf(app);
    [ada, bo, cy] = await registerUsers(api, ['ada', 'bo', 'cy']);
    group = (await ok(api.post('/groups', { name: 'Blocking', visibility: 'public' }, as(cy)))).groupId;
    for (const u of [ada, bo]) await ok(api.post(`/groups/${group}/join`, undefined, as(u)));
    await ok(api.put(`/me/blocks/${bo.userId}`, undefined, as(ada)));
  });
  afterAll(async () => {
    await app?.close();
  });

  it("marks the blocked person's messages for the blocker only, and lists the block", async () => {
    const said = await ok(api.post(`/groups/${group}/messages`, { clientMessageId: 'b1', text: 'hello from bo' }, as(bo)));
    expect((await history(ada)).find((m) => m.id === said.messageId)?.senderBlocked).toBe(true);
    expect((await history(cy)).find((m) => m.id === said.messageId)?.senderBlocked).toBe(false);
    expect((await history(bo)).find((m) => m.id === said.messageId)?.senderBlocked).toBe(false);
    expect((await api.get('/me/blocks', as(ada))).body.items).toEqual([expect.objectContaining({ userId: bo.userId, username: bo.username })]);
    expect((await api.get('/me/blocks', as(bo))).body.items).toEqual([]);
  });

  it("hides the blocked person's presence and typing from the blocker only", async () => {
    const [a, b, c] = await Promise.all([TestClient.ready(app.wsUrl, ada.token), TestClient.ready(app.wsUrl, bo.token), TestClient.ready(app.wsUrl, cy.token)]);
    try {
      a.send({ type: 'subscribe', groupId: group });
      await a.next((f) => f.type === 'subscribed');
      b.send({ type: 'subscribe', groupId: group });
      await b.next((f) => f.type === 'subscribed');
      c.send({ type: 'subscribe', groupId: group });
      await c.next((f) => f.type === 'presence' && online(f).includes(bo.userId) && online(f).includes(ada.userId));
      // Ada hears of Cy after Bo joined: every frame about Bo's arrival has been sent by then.
      await a.next((f) => f.type === 'presence' && online(f).includes(cy.userId));
      expect(a.frames.filter((f) => f.type === 'presence' && online(f).includes(bo.userId))).toEqual([]);
      expect(b.frames.some((f) => f.type === 'presence' && online(f).includes(ada.userId))).toBe(true);

      b.send({ type: 'typing', groupId: group });
      await c.next((f) => f.type === 'typing' && f.userId === bo.userId);
      c.send({ type: 'typing', groupId: group });
      await a.next((f) => f.type === 'typing' && f.userId === cy.userId);
      expect(a.frames.filter((f) => f.type === 'typing' && f.userId === bo.userId)).toEqual([]);
    } finally {
      for (const s of [a, b, c]) s.close();
    }
  });

  it('keeps the blocked person from opening a DM with or inviting the blocker, without saying who blocked', async () => {
    const refused = await api.post('/dms', { userIds: [ada.userId] }, as(bo));
    expectStatus(refused, 403);
    expect(refused.body.code).toBe('not_reachable');
    const club = (await ok(api.post('/groups', { name: 'Bo club', visibility: 'private' }, as(bo)))).groupId;
    expect((await api.post(`/groups/${club}/invites`, { userId: ada.userId }, as(bo))).body.code).toBe('not_reachable');
    // The blocker may still write to them, and Cy reaches both.
    expectStatus(await api.post('/dms', { userIds: [bo.userId] }, as(cy)));
    expectStatus(await api.put(`/me/blocks/${ada.userId}`, undefined, as(ada)), 422);
  });

  it('lifts the block', async () => {
    await ok(api.del(`/me/blocks/${bo.userId}`, undefined, as(ada)));
    expect((await history(ada)).every((m) => !m.senderBlocked)).toBe(true);
    expectStatus(await api.post('/dms', { userIds: [ada.userId] }, as(bo)));
  });
});
