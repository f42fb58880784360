import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_ABUSE_LIMITS, startTestApp, type TestApp } from '@groupchat/test-kit/app';
import { apiOf, readingOwnWrites, registerUsers, type Api, type TestUser } from './support/client';

/** Replies, threads, mentions, pins and permalinks: the command side and what the read side shows of it. */
describe('conversations on the real app', () => {
  let app: TestApp;
  let api: Api;
  let ada: TestUser;
  let bo: TestUser;
  let cy: TestUser;
  let group: string;
  let secret: string;

  const { as, keep, ok } = readingOwnWrites();
  const send = async (u: TestUser, body: object, groupId = group) =>
    keep(await api.post(`/groups/${groupId}/messages`, { clientMessageId: `c${Math.random().toString(36).slice(2)}`, ...body }, as(u)));

  beforeAll(async () => {
    app = await startTestApp(NO_ABUSE_LIMITS);
    api = apiOf(app);
    [ada, bo, cy] = await registerUsers(api, ['ada', 'bo', 'cy']);
    group = (await ok(api.post('/groups', { name: 'Threads', visibility: 'public' }, as(ada)))).groupId;
    secret = (await ok(api.post('/groups', { name: 'Secret', visibility: 'private' }, as(cy)))).groupId;
    await ok(api.post(`/groups/${group}/join`, undefined, as(bo)));
  });
  afterAll(async () => {
    await app?.close();
  });

  it('when bo replies to ada and in her thread, then history quotes the parent and the root counts its reply; the thread lists it', async () => {
    const root = await ok(send(ada, { text: 'root of it all' }));
    const quoted = await ok(send(bo, { text: 'quoting you', replyTo: root.messageId }));
    const reply = await ok(send(bo, { text: 'in the thread', threadId: root.messageId }));
    const history = await api.get(`/groups/${group}/messages`, as(bo));
    const byId = new Map(history.body.items.map((m: { id: string }) => [m.id, m]));
    expect(byId.get(quoted.messageId)).toMatchObject({ replyTo: { id: root.messageId, text: 'root of it all', deleted: false }, threadId: null });
    expect(byId.get(root.messageId)).toMatchObject({ thread: { replyCount: 1 } });
    expect(byId.has(reply.messageId)).toBe(false);
    const thread = await api.get(`/groups/${group}/threads/${root.messageId}/messages`, as(bo));
    expect(thread.status).toBe(200);
    expect(thread.body).toMatchObject({ root: { id: root.messageId }, following: true, items: [{ id: reply.messageId, threadId: root.messageId }] });
    const followed = await api.get('/me/threads', as(ada));
    expect(followed.body.items.map((m: { id: string }) => m.id)).toContain(root.messageId);

    await ok(api.del(`/groups/${group}/messages/${root.messageId}`, undefined, as(ada)));
    const after = await api.get(`/groups/${group}/messages`, as(bo));
    const quote = after.body.items.find((m: { id: string }) => m.id === quoted.messageId).replyTo;
    expect(quote).toMatchObject({ id: root.messageId, deleted: true, text: null });
  });

  it('when a reply names a message of a group the sender cannot read, or an unknown one, then 422 and nothing is sent', async () => {
    const hidden = await ok(send(cy, { text: 'private matters' }, secret));
    for (const field of ['replyTo', 'threadId']) {
      const res = await send(bo, { text: 'sneaky', [field]: hidden.messageId });
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([expect.objectContaining({ field })]);
    }
    const res = await api.post('/messages/batch', { items: [{ groupId: group, clientMessageId: 'b-1', text: 'x', replyTo: 'nope' }] }, as(bo));
    expect(res.body.items[0]).toMatchObject({ status: 422, code: 'validation_failed' });
  });

  it('when mentioning, then member ids travel and a non-member is refused; @everyone needs the group’s role', async () => {
    const m = await ok(send(ada, { text: 'hey @bo', mentions: [bo.userId] }));
    const history = await api.get(`/groups/${group}/messages?after=${encodeURIComponent(m.position.replace(/\d+$/, (o) => String(Number(o) - 1)))}`, as(bo));
    expect(history.body.items[0]).toMatchObject({ id: m.messageId, mentions: [bo.userId], broadcast: null });
    expect((await send(ada, { text: 'hey @cy', mentions: [cy.userId] })).status).toBe(422);
    const everyone = await send(bo, { text: 'hello @everyone' });
    expect(everyone.status).toBe(403);
    expect(everyone.body.code).toBe('broadcast_not_allowed');
    await ok(send(ada, { text: 'owners may @everyone' }));
  });

  it('when a moderator pins, then the pin list shows it; a member may not pin; unpinning empties the list', async () => {
    const m = await ok(send(bo, { text: 'pin me' }));
    expect((await api.put(`/groups/${group}/pins/${m.messageId}`, undefined, as(bo))).status).toBe(403);
    await ok(api.put(`/groups/${group}/pins/${m.messageId}`, undefined, as(ada)));
    const pins = await api.get(`/groups/${group}/pins`, as(bo));
    expect(pins.body.items).toEqual([expect.objectContaining({ id: m.messageId, pinnedBy: ada.userId })]);
    await ok(api.del(`/groups/${group}/pins/${m.messageId}`, undefined, as(ada)));
    expect((await api.get(`/groups/${group}/pins`, as(bo))).body.items).toEqual([]);
    expect((await api.get(`/groups/${secret}/pins`, as(bo))).status).toBe(404);
  });

  it('when opening a permalink, then the page holds the message with its neighbours; a thread reply anchors on its root', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await ok(send(ada, { text: `neighbour ${i}` }))).messageId);
    const reply = await ok(send(bo, { text: 'deep in a thread', threadId: ids[2] }));
    const around = await api.get(`/groups/${group}/messages?around=${ids[2]}&limit=3`, as(bo));
    expect(around.body.items.map((m: { id: string }) => m.id)).toEqual([ids[1], ids[2], ids[3]]);
    expect(around.body).toMatchObject({ hasMore: true, hasMoreAfter: true, anchor: { messageId: ids[2], threadId: null } });
    const viaReply = await api.get(`/groups/${group}/messages?around=${reply.messageId}&limit=3`, as(bo));
    expect(viaReply.body.anchor).toEqual({ messageId: reply.messageId, threadId: ids[2] });
    expect(viaReply.body.items.map((m: { id: string }) => m.id)).toContain(ids[2]);
    expect((await api.get(`/groups/${secret}/messages?around=${ids[2]}`, as(bo))).status).toBe(404);
  });

  it('when the sender removes a link preview, then history shows none; unfollowing a thread drops it from my threads', async () => {
    const m = await ok(send(ada, { text: 'look https://example.com/article.' }));
    const page = async () => (await api.get(`/groups/${group}/messages?around=${m.messageId}&limit=1`, as(ada))).body.items[0];
    expect((await page()).linkPreview).toBe('https://example.com/article');
    expect((await api.del(`/groups/${group}/messages/${m.messageId}/link-preview`, undefined, as(bo))).status).toBe(403);
    await ok(api.del(`/groups/${group}/messages/${m.messageId}/link-preview`, undefined, as(ada)));
    expect((await page()).linkPreview).toBeNull();
    const none = await ok(send(ada, { text: 'no card for https://example.com/x', linkPreview: false }));
    expect((await api.get(`/groups/${group}/messages?around=${none.messageId}&limit=1`, as(ada))).body.items[0].linkPreview).toBeNull();

    await ok(api.put(`/groups/${group}/threads/${m.messageId}/follow`, undefined, as(bo)));
    expect((await api.get('/me/threads', as(bo))).body.items.map((x: { id: string }) => x.id)).toContain(m.messageId);
    await ok(api.del(`/groups/${group}/threads/${m.messageId}/follow`, undefined, as(bo)));
    expect((await api.get('/me/threads', as(bo))).body.items.map((x: { id: string }) => x.id)).not.toContain(m.messageId);
  });
});
