import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_ABUSE_LIMITS, startTestApp, type TestApp } from '@groupchat/test-kit/app';
import { waitUntil } from '@groupchat/test-kit';
import { TestClient } from '../../realtime/test/support/client';
import { png } from './media-fixtures';
import { apiOf, expectStatus, readingOwnWrites, registerUsers, type Api, type TestUser } from './support/client';

const soon = (ms: number) => new Date(Date.now() + ms).toISOString();

/** Bans and timeouts on the real app: every way into the group is shut, and only for the banned. */
describe('bans and timeouts on the real app', () => {
  let app: TestApp;
  let api: Api;
  let ada: TestUser; // owner
  let mo: TestUser; // moderator
  let bo: TestUser; // member
  let cy: TestUser; // the one banned
  let open: string;
  let closed: string;
  const { as, ok } = readingOwnWrites();
  const send = (u: TestUser, groupId: string, text: string) =>
    api.post(`/groups/${groupId}/messages`, { clientMessageId: `c${Math.random().toString(36).slice(2)}`, text }, as(u));

  beforeAll(async () => {
    app = await startTestApp(NO_ABUSE_LIMITS);
    api = apiOf(app);
    [ada, mo, bo, cy] = await registerUsers(api, ['ada', 'mo', 'bo', 'cy']);
    open = (await ok(api.post('/groups', { name: 'Open moderation', visibility: 'public' }, as(ada)))).groupId;
    closed = (await ok(api.post('/groups', { name: 'Closed moderation', visibility: 'private' }, as(ada)))).groupId;
    for (const u of [mo, bo, cy]) await ok(api.post(`/groups/${open}/join`, undefined, as(u)));
    await ok(api.put(`/groups/${open}/members/${mo.userId}/role`, { role: 'moderator' }, as(ada)));
  });
  afterAll(async () => {
    await app?.close();
  });

  it('shuts a banned user out of join, invites, history, search, media and the live stream, and deletes their recent messages', async () => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await png(24, 24))], { type: 'image/png' }), 'x.png');
    const media = await fetch(`${app.url}/api/v1/media`, { method: 'POST', headers: { authorization: `Bearer ${bo.token}` }, body: form }).then((r) =>
      r.json(),
    );
    const word = `walrus${Date.now().toString(36)}`;
    const withMedia = await ok(
      api.post(`/groups/${open}/messages`, { clientMessageId: `m${Date.now()}`, text: `${word} picture`, attachments: [media.mediaId] }, as(bo)),
    );
    const spam = [await ok(send(cy, open, 'buy now')), await ok(send(cy, open, 'buy again'))];
    // Before the ban cy reads all of it and follows the live stream.
    expectStatus(await api.get(`/groups/${open}/messages`, as(cy)));
    expectStatus(await api.get(`/media/${media.mediaId}`, as(cy)));
    const socket = await TestClient.ready(app.wsUrl, cy.token);
    socket.send({ type: 'subscribe', groupId: open });
    await socket.next((f) => f.type === 'subscribed' && f.groupId === open);

    const banned = await ok(
      api.post(`/groups/${open}/bans`, { userId: cy.userId, reason: 'spam', deleteMessagesSince: new Date(Date.now() - 3600_000).toISOString() }, as(mo)),
    );
    expect(banned).toMatchObject({ userId: cy.userId, until: null, deletedMessages: 2 });
    await socket.next((f) => f.type === 'unsubscribed' && f.groupId === open && f.reason === 'removed');
    const after = await ok(send(bo, open, 'after the ban'));

    expectStatus(await api.post(`/groups/${open}/join`, undefined, as(cy)), 403);
    expect((await api.post(`/groups/${open}/join`, undefined, as(cy))).body).toMatchObject({ code: 'banned' });
    expectStatus(await api.get(`/groups/${open}/messages`, as(cy)), 404);
    expectStatus(await api.get(`/media/${media.mediaId}`, as(cy)), 404);
    const hits = await api.get(`/search/messages?q=${word}`, as(cy));
    expectStatus(hits);
    expect(hits.body.items).toEqual([]);
    socket.send({ type: 'subscribe', groupId: open });
    await socket.next((f) => f.type === 'error' && f.groupId === open);
    expect(socket.events(open).some((f) => (f.event as { messageId?: string } | undefined)?.messageId === after.messageId)).toBe(false);
    socket.close();
    // The group still says it exists, and why cy cannot read it; others read on, without cy's spam.
    const detail = await api.get(`/groups/${open}`, as(cy));
    expectStatus(detail);
    expect(detail.body).toMatchObject({ myRole: null, myBan: { until: null, reason: 'spam' } });
    const history = await api.get(`/groups/${open}/messages`, as(bo));
    const ids = history.body.items.map((m: { id: string }) => m.id);
    expect(ids).toContain(withMedia.messageId);
    for (const m of spam) expect(history.body.items.find((x: { id: string }) => x.id === m.messageId)?.deleted ?? true).toBe(true);
    expect((await api.get(`/groups/${open}/bans`, as(mo))).body.items).toEqual([expect.objectContaining({ userId: cy.userId, reason: 'spam', until: null })]);
    expectStatus(await api.get(`/groups/${open}/bans`, as(bo)), 403);

    // In a private group: a ban before any membership stops the invite and its use.
    await ok(api.post(`/groups/${closed}/invites`, { userId: cy.userId }, as(ada)));
    await ok(api.post(`/groups/${closed}/bans`, { userId: cy.userId, until: soon(3600_000) }, as(ada)));
    expectStatus(await api.post(`/groups/${closed}/join`, undefined, as(cy)), 404);
    expect((await api.post(`/groups/${closed}/invites`, { userId: cy.userId }, as(ada))).body).toMatchObject({ code: 'banned' });

    // Lifted: cy may join again, as a plain member.
    await ok(api.del(`/groups/${open}/bans/${cy.userId}`, undefined, as(mo)));
    await ok(api.post(`/groups/${open}/join`, undefined, as(cy)));
    expectStatus(await api.get(`/groups/${open}/messages`, as(cy)));
  });

  it('keeps a timed-out member from posting and reacting until the end, then lets them', async () => {
    const theirs = await ok(send(bo, open, 'before the timeout'));
    const until = Date.now() + 4000;
    await ok(api.post(`/groups/${open}/timeouts`, { userId: bo.userId, until: new Date(until).toISOString(), reason: 'cool down' }, as(mo)));
    const refused = await send(bo, open, 'during');
    expectStatus(refused, 403);
    expect(refused.body).toMatchObject({ code: 'timed_out', until: new Date(until).toISOString() });
    expectStatus(await api.post(`/groups/${open}/messages/${theirs.messageId}/reactions/${encodeURIComponent('👍')}`, undefined, as(bo)), 403);
    expect((await api.get(`/groups/${open}`, as(bo))).body.myTimeout).toEqual({ until: new Date(until).toISOString(), reason: 'cool down' });
    // Others post as before; bo still reads.
    await ok(send(cy, open, 'not me'));
    expectStatus(await api.get(`/groups/${open}/messages`, as(bo)));
    // A bounded wait for the end, then the same send goes through.
    await waitUntil(async () => (await send(bo, open, 'after')).status === 202, { timeoutMs: 15_000, intervalMs: 250, what: 'the timeout to end' });
  });

  it('lets only a higher role ban or time out, and refuses bad input changing nothing', async () => {
    expectStatus(await api.post(`/groups/${open}/bans`, { userId: mo.userId }, as(bo)), 403);
    expectStatus(await api.post(`/groups/${open}/bans`, { userId: ada.userId }, as(mo)), 403);
    expectStatus(await api.post(`/groups/${open}/timeouts`, { userId: ada.userId, until: soon(60_000) }, as(mo)), 403);
    expectStatus(await api.post(`/groups/${open}/bans`, { userId: mo.userId }, as(mo)), 403);
    expectStatus(await api.post(`/groups/${open}/bans`, { userId: bo.userId, until: new Date(Date.now() - 1000).toISOString() }, as(mo)), 422);
    expectStatus(
      await api.post(`/groups/${open}/bans`, { userId: bo.userId, deleteMessagesSince: new Date(Date.now() - 30 * 86400_000).toISOString() }, as(mo)),
      422,
    );
    expectStatus(await api.post(`/groups/${open}/bans`, { userId: 'nobody-at-all' }, as(mo)), 422);
    expectStatus(await api.post(`/groups/${open}/timeouts`, { userId: bo.userId, until: soon(60 * 86400_000) }, as(mo)), 422);
    expectStatus(await api.post(`/groups/${open}/timeouts`, { userId: bo.userId, until: 'later' }, as(mo)), 422);
    expectStatus(await api.del(`/groups/${open}/bans/${bo.userId}`, undefined, as(mo)), 404);
    // bo is still a member who can post: nothing above changed anything.
    await ok(send(bo, open, 'still here'));
  });
});
