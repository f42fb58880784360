import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_ABUSE_LIMITS, startTestApp, type TestApp } from '@groupchat/test-kit/app';
import { waitUntil } from '@groupchat/test-kit';
import { apiOf, expectStatus, readingOwnWrites, registerUsers, type Api, type TestUser } from './support/client';

/** Blocked words refuse or flag a member's message; new members wait between messages; moderators are never held back. */
describe('automatic moderation on the real app', () => {
  let app: TestApp;
  let api: Api;
  let ada: TestUser; // owner
  let mo: TestUser; // moderator
  let bo: TestUser; // member
  let group: string;
  const { as, ok } = readingOwnWrites();
  let n = 0;
  const send = (u: TestUser, text: string) => api.post(`/groups/${group}/messages`, { clientMessageId: `c${n++}${Date.now()}`, text }, as(u));
  const settle = (patterns: string[], action: 'flag' | 'refuse', newMemberMinutes = 0, newMemberSlowModeSeconds = 0) =>
    ok(api.put(`/groups/${group}/auto-moderation`, { patterns, action, newMemberMinutes, newMemberSlowModeSeconds }, as(ada)));

  beforeAll(async () => {
    app = await startTestApp(NO_ABUSE_LIMITS);
    api = apiOf(app);
    [ada, mo, bo] = await registerUsers(api, ['ada', 'mo', 'bo']);
    group = (await ok(api.post('/groups', { name: 'Automod', visibility: 'public' }, as(ada)))).groupId;
    for (const u of [mo, bo]) await ok(api.post(`/groups/${group}/join`, undefined, as(u)));
    await ok(api.put(`/groups/${group}/members/${mo.userId}/role`, { role: 'moderator' }, as(ada)));
  });
  afterAll(async () => {
    await app?.close();
  });

  it('refuses a message with a blocked word or pattern, whole words only, ignoring case; moderators pass', async () => {
    await settle(['spam', 'buy\\s+now'], 'refuse');
    expect((await api.get(`/groups/${group}/auto-moderation`, as(mo))).body).toEqual({
      patterns: ['spam', 'buy\\s+now'],
      action: 'refuse',
      newMemberMinutes: 0,
      newMemberSlowModeSeconds: 0,
    });
    for (const text of ['SPAM!', 'please BUY   now']) {
      const refused = await send(bo, text);
      expectStatus(refused, 422);
      expect(refused.body.code).toBe('blocked_words');
    }
    expectStatus(await send(bo, 'a spammer is not spam-free'), 422);
    expectStatus(await send(bo, 'spammers and spamming are fine'), 202);
    expectStatus(await send(mo, 'spam, said the moderator'), 202);
  });

  it('flags instead: the message is sent and reported to the moderators once', async () => {
    await settle(['spam'], 'flag');
    const sent = await ok(send(bo, 'more spam for you'));
    // The report goes to the groups topic beside the message: the send's position does not cover it, so poll.
    const queue = await waitUntil(
      async () => {
        const res = await api.get(`/groups/${group}/reports`, as(mo));
        return res.body.items?.length ? res : undefined;
      },
      { timeoutMs: 15_000, what: 'the automatic report in the queue' },
    );
    expect(queue.body.items).toEqual([
      expect.objectContaining({
        reporter: { userId: 'automod', displayName: 'Automatic moderation' },
        message: expect.objectContaining({ messageId: sent.messageId }),
      }),
    ]);
  });

  it('matches in linear time: a pattern that backtracks elsewhere answers at once', async () => {
    await settle(['(a+)+$'], 'refuse');
    expectStatus(await send(bo, `${'a'.repeat(3999)}!`), 202);
    expectStatus(await send(bo, 'aaaa'), 422);
  });

  it('keeps new members in slow mode', async () => {
    await settle([], 'flag', 60, 30);
    const [cy] = await registerUsers(api, ['cy']);
    await ok(api.post(`/groups/${group}/join`, undefined, as(cy)));
    expectStatus(await send(cy, 'first as a newcomer'), 202);
    const second = await send(cy, 'second too soon');
    expectStatus(second, 429);
    expect(second.body.code).toBe('slow_mode');
    expectStatus(await send(mo, 'moderators are no newcomers'), 202);
    expectStatus(await send(mo, 'nor in slow mode'), 202);
  });

  it('lets only admins and owners set it, and refuses a bad pattern changing nothing', async () => {
    const body = { patterns: ['x'], action: 'refuse', newMemberMinutes: 0, newMemberSlowModeSeconds: 0 };
    expectStatus(await api.put(`/groups/${group}/auto-moderation`, body, as(mo)), 403);
    expectStatus(await api.put(`/groups/${group}/auto-moderation`, body, as(bo)), 403);
    expectStatus(await api.get(`/groups/${group}/auto-moderation`, as(bo)), 403);
    const bad = await api.put(`/groups/${group}/auto-moderation`, { ...body, patterns: ['fine', '(unclosed'] }, as(ada));
    expectStatus(bad, 422);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'patterns.1' })]);
    expectStatus(await api.put(`/groups/${group}/auto-moderation`, { ...body, patterns: ['a{2000}'] }, as(ada)), 422);
    expect((await api.get(`/groups/${group}/auto-moderation`, as(mo))).body.newMemberMinutes).toBe(60);
  });
});
