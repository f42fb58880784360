import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AwakeUsers, createRuntime, parsePosition, waitForPositions, type Runtime } from '@groupchat/shared';
import { startPushEndpoint, waitUntil, type PushEndpoint, type ReceivedPush } from '@groupchat/test-kit';
import { NO_ABUSE_LIMITS, startTestApp, type TestApp } from '@groupchat/test-kit/app';
import { apiOf, expectStatus, readingOwnWrites, registerUsers, type Api, type TestUser } from '../../command-api/test/support/client';
import { TestClient } from '../../realtime/test/support/client';

interface Pushed {
  groupId: string;
  groupName: string;
  messageId: string;
  sender: { userId: string; displayName: string };
  reason: string;
  text: string | null;
  url: string;
}

/** Web Push end to end: the app pushes to a local push service that decrypts what it receives (RFC 8291). */
describe('web push on the real app', () => {
  let app: TestApp;
  let rt: Runtime;
  let awake: AwakeUsers;
  let service: PushEndpoint;
  let api: Api;
  let ada: TestUser;
  let bo: TestUser;
  let open: string;
  let closed: string;
  let endpoint: string;
  const { as, ok } = readingOwnWrites();
  const send = (u: TestUser, groupId: string, body: object) =>
    ok(api.post(`/groups/${groupId}/messages`, { clientMessageId: `c${Math.random().toString(36).slice(2)}`, ...body }, as(u)));
  const mention = (groupId: string, text = 'look') => send(ada, groupId, { text: `${text} @${bo.username}`, mentions: [bo.userId] });
  const pushesOf = (messageId: string) => service.received.filter((p) => (p.payload as Pushed).messageId === messageId);
  const pushed = (messageId: string) => service.waitFor((p) => (p.payload as Pushed).messageId === messageId, 20_000);
  /** The sender has decided about this message: the projection queued it and the sender took it off the queue. */
  const handled = async (m: { messageId: string; position: string }) => {
    await waitForPositions(rt.pool, [parsePosition(m.position)], { projections: ['notifications'], timeoutMs: 15_000 });
    await waitUntil(async () => (await rt.pool.query('SELECT 1 FROM notification_queue WHERE message_id = $1', [m.messageId])).rowCount === 0, {
      timeoutMs: 15_000,
      what: 'the message off the push queue',
    });
  };

  beforeAll(async () => {
    service = await startPushEndpoint();
    app = await startTestApp({ ...NO_ABUSE_LIMITS, PUSH_ALLOW_LOOPBACK: true });
    rt = await createRuntime(app.config, 'push-test');
    awake = await AwakeUsers.start(rt);
    api = apiOf(app);
    [ada, bo] = await registerUsers(api, ['ada', 'bo']);
    open = (await ok(api.post('/groups', { name: 'Open bells', visibility: 'public' }, as(ada)))).groupId;
    closed = (await ok(api.post('/groups', { name: 'Closed bells', visibility: 'private' }, as(ada)))).groupId;
    await ok(api.post(`/groups/${open}/join`, undefined, as(bo)));
    await ok(api.post(`/groups/${closed}/invites`, { userId: bo.userId }, as(ada)));
    await ok(api.post(`/groups/${closed}/join`, undefined, as(bo)));
    const subscription = service.subscription();
    endpoint = subscription.endpoint;
    expectStatus(await api.post('/me/push-subscriptions', subscription, as(bo)), 201);
  });
  afterAll(async () => {
    await app?.close();
    await awake?.close();
    await rt?.close();
    await service?.close();
  });

  it('pushes a mention once, naming the group and sender, with the text of a public group only', async () => {
    const inOpen = await mention(open, 'public words');
    const inClosed = await mention(closed, 'secret words');
    const a = await pushed(inOpen.messageId);
    const b = await pushed(inClosed.messageId);
    expect(a.payload).toEqual({
      type: 'message',
      groupId: open,
      groupName: 'Open bells',
      messageId: inOpen.messageId,
      sender: { userId: ada.userId, displayName: expect.any(String) },
      reason: 'mention',
      text: `public words @${bo.username}`,
      url: `/groups/${open}/messages/${inOpen.messageId}`,
    });
    expect(b.payload).toMatchObject({ groupId: closed, groupName: 'Closed bells', reason: 'mention', text: null });
    expect(JSON.stringify(b.payload)).not.toContain('secret');
    expect(a.urgency).toBe('high');
    // A later push has arrived: the earlier ones would have by now, and came once each.
    const later = await mention(open, 'later');
    await pushed(later.messageId);
    expect(pushesOf(inOpen.messageId)).toHaveLength(1);
    expect(pushesOf(inClosed.messageId)).toHaveLength(1);
    expect(service.errors).toEqual([]);
  });

  it('pushes a direct message, a reply to my message and a reply in my thread', async () => {
    const mine = await send(bo, closed, { text: 'my question' });
    const reply = await send(ada, closed, { text: 'an answer', replyTo: mine.messageId });
    const inThread = await send(ada, closed, { text: 'more, in the thread', threadId: mine.messageId });
    const dm = (await ok(api.post('/dms', { userIds: [bo.userId] }, as(ada)))).groupId;
    const direct = await send(ada, dm, { text: 'just us' });
    expect((await pushed(reply.messageId)).payload).toMatchObject({ reason: 'reply', groupId: closed, text: null });
    expect((await pushed(inThread.messageId)).payload).toMatchObject({ reason: 'reply', groupId: closed });
    expect((await pushed(direct.messageId)).payload).toMatchObject({ reason: 'direct', groupId: dm, text: null, sender: { userId: ada.userId } });
    await handled(mine);
    expect(pushesOf(mine.messageId)).toEqual([]);
  });

  it('pushes nothing from a muted conversation, @everyone included, nor for plain messages under "mentions"', async () => {
    await ok(api.put(`/me/notification-settings/${open}`, { level: 'all', muteUntil: new Date(Date.now() + 3600_000).toISOString() }, as(bo)));
    await ok(api.patch(`/groups/${open}`, { broadcastMinRole: 'member' }, as(ada)));
    const muted = await mention(open, 'muted');
    const everyone = await send(ada, open, { text: '@everyone muted too' });
    const plainInClosed = await send(ada, closed, { text: 'nothing for you' });
    await ok(api.put(`/me/notification-settings/${open}`, { level: 'all' }, as(bo)));
    const plain = await send(ada, open, { text: 'all messages now' });
    const arrived = await pushed(plain.messageId);
    expect(arrived.payload).toMatchObject({ reason: 'message', text: 'all messages now' });
    for (const m of [muted, everyone, plainInClosed]) {
      await handled(m);
      expect(pushesOf(m.messageId)).toEqual([]);
    }
  });

  it('pushes nothing while a tab of the recipient is visible, and again once it is hidden', async () => {
    const tab = await TestClient.ready(app.wsUrl, bo.token);
    try {
      await waitUntil(() => awake.isAwake(bo.userId), { timeoutMs: 15_000, what: 'bo awake' });
      const seen = await mention(closed, 'while looking');
      await handled(seen);
      tab.send({ type: 'visibility', visible: false });
      await waitUntil(() => !awake.isAwake(bo.userId), { timeoutMs: 15_000, what: 'bo hidden' });
      const away = await mention(closed, 'while away');
      await pushed(away.messageId);
      expect(pushesOf(seen.messageId)).toEqual([]);
    } finally {
      tab.close();
    }
  });

  it('removes a subscription the push service says is gone (410)', async () => {
    service.respondWith(endpoint, 410);
    const gone = await mention(open, 'into the void');
    await pushed(gone.messageId);
    await waitUntil(
      async () => {
        const res = await api.get('/me/push-subscriptions', as(bo));
        return res.body.items.length === 0;
      },
      { timeoutMs: 15_000, what: 'the subscription removed' },
    );
    const after = await mention(open, 'nobody listening');
    await handled(after);
    expect(pushesOf(after.messageId)).toEqual([] as ReceivedPush[]);
  });
});
