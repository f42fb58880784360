import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createECDH, randomBytes } from 'node:crypto';
import { NO_ABUSE_LIMITS, startTestApp, type TestApp } from '@groupchat/test-kit/app';
import { apiOf, expectStatus, readingOwnWrites, registerUsers, type Api, type TestUser } from './support/client';

const keys = () => {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return { p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') };
};

/** Notification settings are events read back through GET; push subscriptions are checked before they are kept. */
describe('notification settings and push subscriptions on the real app', () => {
  let app: TestApp;
  let api: Api;
  let ada: TestUser;
  let bo: TestUser;
  let group: string;
  let hidden: string;
  const { as, ok } = readingOwnWrites();
  const read = async (path: string, u: TestUser) => {
    const res = await api.get(path, as(u));
    expectStatus(res);
    return res.body;
  };
  const settingsOf = (u: TestUser) => read('/me/notification-settings', u);

  beforeAll(async () => {
    app = await startTestApp({ ...NO_ABUSE_LIMITS, PUSH_ALLOW_LOOPBACK: false });
    api = apiOf(app);
    [ada, bo] = await registerUsers(api, ['ada', 'bo']);
    group = (await ok(api.post('/groups', { name: 'Bells', visibility: 'public' }, as(ada)))).groupId;
    hidden = (await ok(api.post('/groups', { name: 'Hidden', visibility: 'private' }, as(ada)))).groupId;
    await ok(api.post(`/groups/${group}/join`, undefined, as(bo)));
  });
  afterAll(async () => {
    await app?.close();
  });

  it('keeps the last setting per conversation and the default, and drops a conversation back to the default', async () => {
    expect(await settingsOf(bo)).toEqual({ default: { level: 'mentions', muteUntil: null, pushText: 'public' }, items: [] });
    const until = new Date(Date.now() + 3600_000).toISOString();
    const set = await ok(api.put(`/me/notification-settings/${group}`, { level: 'none', muteUntil: until }, as(bo)));
    expect(set).toMatchObject({ groupId: group, level: 'none', muteUntil: until, pushText: null });
    await ok(api.put(`/me/notification-settings/${group}`, { level: 'all' }, as(bo)));
    await ok(api.put('/me/notification-settings/default', { level: 'none', pushText: 'never' }, as(bo)));
    expect(await settingsOf(bo)).toEqual({
      default: { level: 'none', muteUntil: null, pushText: 'never' },
      items: [{ groupId: group, level: 'all', muteUntil: null }],
    });
    await ok(api.del(`/me/notification-settings/${group}`, undefined, as(bo)));
    expect((await settingsOf(bo)).items).toEqual([]);
    expect(await settingsOf(ada)).toEqual({ default: { level: 'mentions', muteUntil: null, pushText: 'public' }, items: [] });
  });

  it('refuses bad settings, and settings of a conversation the caller is not in, changing nothing', async () => {
    const before = await settingsOf(bo);
    const refused = [
      [`/me/notification-settings/${group}`, { level: 'loud' }, 422],
      [`/me/notification-settings/${group}`, { level: 'all', muteUntil: 'tomorrow' }, 422],
      [`/me/notification-settings/${group}`, { level: 'all', muteUntil: '2300-01-01T00:00:00Z' }, 422],
      [`/me/notification-settings/${group}`, { level: 'all', pushText: 'always' }, 422],
      [`/me/notification-settings/${hidden}`, { level: 'all' }, 404],
      ['/me/notification-settings/no-such-group', { level: 'all' }, 404],
    ] as const;
    for (const [path, body, status] of refused) expectStatus(await api.put(path, body, as(bo)), status);
    expectStatus(await api.del('/me/notification-settings/default', undefined, as(bo)), 400);
    expect(await settingsOf(bo)).toEqual(before);
  });

  it('keeps a subscription with a public https endpoint, refuses others, and removes it', async () => {
    const listed = await read('/me/push-subscriptions', bo);
    expect(Buffer.from(listed.vapidPublicKey, 'base64url')).toHaveLength(65);
    expect(listed.items).toEqual([]);
    const endpoint = `https://push.example.com/send/${randomBytes(8).toString('hex')}`;
    const created = await api.post('/me/push-subscriptions', { endpoint, keys: keys() }, as(bo));
    expectStatus(created, 201);
    expect((await read('/me/push-subscriptions', bo)).items).toEqual([
      { subscriptionId: created.body.subscriptionId, createdAt: created.body.createdAt, userAgent: expect.any(String) },
    ]);
    // The same endpoint subscribed by another account moves to it.
    expectStatus(await api.post('/me/push-subscriptions', { endpoint, keys: keys() }, as(ada)), 201);
    expect((await read('/me/push-subscriptions', bo)).items).toEqual([]);
    for (const bad of [
      'http://push.example.com/x',
      'https://10.0.0.1/x',
      'https://127.0.0.1:9/x',
      'https://[::1]/x',
      'https://u:p@push.example.com/x',
      'not a url',
    ])
      expectStatus(await api.post('/me/push-subscriptions', { endpoint: bad, keys: keys() }, as(bo)), 422);
    expectStatus(await api.post('/me/push-subscriptions', { endpoint, keys: { p256dh: 'AAAA', auth: keys().auth } }, as(bo)), 422);
    expectStatus(await api.post('/me/push-subscriptions', { endpoint, keys: { ...keys(), auth: randomBytes(8).toString('base64url') } }, as(bo)), 422);
    expect((await read('/me/push-subscriptions', bo)).items).toEqual([]);
    // Bo cannot remove Ada's; Ada can.
    expectStatus(await api.del('/me/push-subscriptions', { endpoint }, as(bo)), 204);
    expect((await read('/me/push-subscriptions', ada)).items).toHaveLength(1);
    expectStatus(await api.del('/me/push-subscriptions', { endpoint }, as(ada)), 204);
    expect((await read('/me/push-subscriptions', ada)).items).toEqual([]);
  });

  it('takes the same endpoint subscribed many times at once: every request succeeds, one subscription remains', async () => {
    const endpoint = `https://push.example.com/send/${randomBytes(8).toString('hex')}`;
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => api.post('/me/push-subscriptions', { endpoint, keys: keys() }, as(i % 2 ? ada : bo))),
    );
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 201));
    const held = [...(await read('/me/push-subscriptions', ada)).items, ...(await read('/me/push-subscriptions', bo)).items];
    expect(held.filter((x: { subscriptionId: string }) => x.subscriptionId === answers[0]!.body.subscriptionId)).toHaveLength(1);
  });
});
