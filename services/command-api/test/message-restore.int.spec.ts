import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_ABUSE_LIMITS, startTestApp, type TestApp } from '@groupchat/test-kit/app';
import { waitUntil } from '@groupchat/test-kit';
import { TestClient } from '../../realtime/test/support/client';
import { apiOf, readingOwnWrites, registerUsers, type Api, type TestUser } from './support/client';

/** Undoing a moderator's removal (docs/moderation.md): the content comes back everywhere, and only that kind of removal comes back. */
describe('undoing a removal on the real app', () => {
  let app: TestApp;
  let api: Api;
  let ada: TestUser; // owner
  let mo: TestUser; // moderator
  let bo: TestUser; // the author
  let cy: TestUser; // a member watching
  let groupId: string;
  const { as, ok } = readingOwnWrites();
  const send = (text: string) => ok(api.post(`/groups/${groupId}/messages`, { clientMessageId: `c${Math.random().toString(36).slice(2)}`, text }, as(bo)));
  const restore = (messageId: string, u: TestUser) => api.post(`/groups/${groupId}/messages/${messageId}/restore`, undefined, as(u));
  const shown = async (messageId: string) =>
    ((await api.get(`/groups/${groupId}/messages`, as(cy))).body.items as { id: string; text: string | null; deleted: boolean }[]).find(
      (m) => m.id === messageId,
    );

  beforeAll(async () => {
    app = await startTestApp(NO_ABUSE_LIMITS);
    api = apiOf(app);
    [ada, mo, bo, cy] = await registerUsers(api, ['ada', 'mo', 'bo', 'cy']);
    groupId = (await ok(api.post('/groups', { name: 'Undo removals', visibility: 'public' }, as(ada)))).groupId;
    for (const u of [mo, bo, cy]) await ok(api.post(`/groups/${groupId}/join`, undefined, as(u)));
    await ok(api.put(`/groups/${groupId}/members/${mo.userId}/role`, { role: 'moderator' }, as(ada)));
  });
  afterAll(async () => {
    await app?.close();
  });

  it('brings a removed message back in history, search, the live stream and the audit log, once, for moderators only', async () => {
    const word = `heron${Date.now().toString(36)}`;
    const { messageId } = await send(`${word} flies back`);
    const socket = await TestClient.ready(app.wsUrl, cy.token);
    socket.send({ type: 'subscribe', groupId });
    await socket.next((f) => f.type === 'subscribed');

    await ok(api.del(`/groups/${groupId}/messages/${messageId}`, undefined, as(mo)));
    await socket.next((f) => f.type === 'event' && f.event!.type === 'MessageDeleted');
    expect(await shown(messageId)).toMatchObject({ deleted: true, text: null });
    expect((await api.get(`/search/messages?q=${word}`, as(cy))).body.items).toEqual([]);

    for (const u of [bo, cy]) expect((await restore(messageId, u)).body).toMatchObject({ status: 403 });
    await ok(restore(messageId, mo));
    const frame = await socket.next((f) => f.type === 'event' && f.event!.type === 'MessageRestored');
    expect(frame.event).toMatchObject({ messageId, senderId: bo.userId, text: `${word} flies back`, removedBy: mo.userId });
    expect(await shown(messageId)).toMatchObject({ deleted: false, text: `${word} flies back` });
    await waitUntil(async () => (await api.get(`/search/messages?q=${word}`, as(cy))).body.items?.length === 1, { what: 'the restored message to be found' });
    expect((await restore(messageId, ada)).body).toMatchObject({ status: 409, code: 'not_deleted' });

    const audit = (await api.get(`/groups/${groupId}/audit?action=message_deleted,message_restored`, as(ada))).body.items;
    expect(
      audit.map((e: { action: string; actor: { userId: string }; targetUser: { userId: string } }) => [e.action, e.actor.userId, e.targetUser.userId]),
    ).toEqual([
      ['message_restored', mo.userId, bo.userId],
      ['message_deleted', mo.userId, bo.userId],
    ]);
    socket.close();
  });

  it('refuses to bring back what the author deleted, and a message it cannot see', async () => {
    const { messageId } = await send('my own words, gone for good');
    await ok(api.del(`/groups/${groupId}/messages/${messageId}`, undefined, as(bo)));
    expect((await restore(messageId, mo)).body).toMatchObject({ status: 409, code: 'not_restorable' });
    expect(await shown(messageId)).toMatchObject({ deleted: true, text: null });
    expect((await restore('00000000-0000-4000-8000-000000000000', mo)).body).toMatchObject({ status: 404 });
  });
});
