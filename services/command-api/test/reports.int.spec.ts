import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_ABUSE_LIMITS, startTestApp, type TestApp } from '@groupchat/test-kit/app';
import { apiOf, expectStatus, readingOwnWrites, registerUsers, type Api, type TestUser } from './support/client';

/** Reports reach the group's moderators (or its admins, about a moderator), are resolved once, and the reporter sees how. */
describe('reports on the real app', () => {
  let app: TestApp;
  let api: Api;
  let ada: TestUser; // owner
  let mo: TestUser; // moderator
  let rae: TestUser; // reporter
  let sam: TestUser; // spammer
  let group: string;
  const { as, ok, keep } = readingOwnWrites();
  const send = (u: TestUser, text: string) =>
    ok(api.post(`/groups/${group}/messages`, { clientMessageId: `c${Math.random().toString(36).slice(2)}`, text }, as(u)));
  const queue = async (u: TestUser, status = 'open') => {
    const res = await api.get(`/groups/${group}/reports?status=${status}`, as(u));
    expectStatus(res);
    return res.body.items as {
      reportId: string;
      reason: string;
      target: { userId: string };
      message: { text: string | null; deleted: boolean } | null;
      action: string | null;
    }[];
  };

  beforeAll(async () => {
    app = await startTestApp(NO_ABUSE_LIMITS);
    api = apiOf(app);
    [ada, mo, rae, sam] = await registerUsers(api, ['ada', 'mo', 'rae', 'sam']);
    group = (await ok(api.post('/groups', { name: 'Reported', visibility: 'public' }, as(ada)))).groupId;
    for (const u of [mo, rae, sam]) await ok(api.post(`/groups/${group}/join`, undefined, as(u)));
    await ok(api.put(`/groups/${group}/members/${mo.userId}/role`, { role: 'moderator' }, as(ada)));
  });
  afterAll(async () => {
    await app?.close();
  });

  it('files a message report once, shows it to moderators only, resolves it with a deletion, and tells the reporter', async () => {
    const spam = await send(sam, 'cheap watches');
    const filed = keep(await api.post('/reports', { groupId: group, messageId: spam.messageId, reason: 'advertising' }, as(rae)));
    expectStatus(filed, 201);
    expect((await api.post('/reports', { groupId: group, messageId: spam.messageId, reason: 'again' }, as(rae))).body).toMatchObject({
      code: 'already_reported',
    });
    expect(await queue(mo)).toEqual([
      expect.objectContaining({
        reportId: filed.body.reportId,
        reason: 'advertising',
        target: expect.objectContaining({ userId: sam.userId }),
        message: expect.objectContaining({ text: 'cheap watches', deleted: false }),
      }),
    ]);
    expectStatus(await api.get(`/groups/${group}/reports`, as(rae)), 403);
    expectStatus(await api.post(`/reports/${filed.body.reportId}/resolve`, { action: 'dismiss' }, as(rae)), 403);

    await ok(api.post(`/reports/${filed.body.reportId}/resolve`, { action: 'delete', note: 'ads' }, as(mo)));
    expect((await api.post(`/reports/${filed.body.reportId}/resolve`, { action: 'dismiss' }, as(ada))).body).toMatchObject({ code: 'already_resolved' });
    expect(await queue(mo)).toEqual([]);
    expect(await queue(mo, 'resolved')).toEqual([
      expect.objectContaining({ action: 'delete', message: expect.objectContaining({ text: null, deleted: true }) }),
    ]);
    const history = await api.get(`/groups/${group}/messages`, as(rae));
    expect(history.body.items.find((m: { id: string }) => m.id === spam.messageId)?.deleted ?? true).toBe(true);
    const mine = await api.get('/me/reports', as(rae));
    expect(mine.body.items).toEqual([expect.objectContaining({ reportId: filed.body.reportId, status: 'resolved', action: 'delete', groupName: 'Reported' })]);
    expect(mine.body.items[0]).not.toHaveProperty('resolvedBy');
  });

  it('sends a report about a moderator to the admins, and a ban from the queue removes the member', async () => {
    const aboutMo = keep(await api.post('/reports', { groupId: group, userId: mo.userId, reason: 'rude' }, as(rae)));
    expectStatus(aboutMo, 201);
    expect((await queue(mo)).map((r) => r.reportId)).not.toContain(aboutMo.body.reportId);
    expect((await queue(ada)).map((r) => r.reportId)).toContain(aboutMo.body.reportId);
    expectStatus(await api.post(`/reports/${aboutMo.body.reportId}/resolve`, { action: 'dismiss' }, as(mo)), 403);
    await ok(api.post(`/reports/${aboutMo.body.reportId}/resolve`, { action: 'dismiss' }, as(ada)));

    const aboutSam = await ok(api.post('/reports', { groupId: group, userId: sam.userId, reason: 'keeps spamming' }, as(rae)));
    await ok(api.post(`/reports/${(aboutSam as unknown as { reportId: string }).reportId}/resolve`, { action: 'ban' }, as(mo)));
    expect((await api.post(`/groups/${group}/join`, undefined, as(sam))).body).toMatchObject({ code: 'banned' });
    const outcomes = (await api.get('/me/reports', as(rae))).body.items.map((r: { action: string }) => r.action);
    expect(outcomes).toEqual(['ban', 'dismiss', 'delete']);
  });

  it('refuses bad reports, changing nothing', async () => {
    const mine = await send(rae, 'my own words');
    const bad = [
      [{ groupId: group, messageId: mine.messageId, reason: 'me' }, 422],
      [{ groupId: group, userId: rae.userId, reason: 'me' }, 422],
      [{ groupId: group, reason: 'nothing named' }, 422],
      [{ groupId: group, userId: ada.userId, messageId: mine.messageId, reason: 'both' }, 422],
      [{ groupId: group, userId: ada.userId, reason: '' }, 422],
      [{ groupId: group, messageId: 'no-such-message', reason: 'x' }, 422],
      [{ groupId: 'no-such-group', userId: ada.userId, reason: 'x' }, 404],
    ] as const;
    const before = (await api.get('/me/reports', as(rae))).body.items.length;
    for (const [body, status] of bad) expectStatus(await api.post('/reports', body, as(rae)), status);
    expectStatus(await api.post('/reports/no-such-report/resolve', { action: 'dismiss' }, as(mo)), 404);
    expectStatus(await api.post('/reports/x/resolve', { action: 'explode' }, as(mo)), 422);
    expect((await api.get('/me/reports', as(rae))).body.items).toHaveLength(before);
  });
});
