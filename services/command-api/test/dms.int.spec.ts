import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_ABUSE_LIMITS, startTestApp, type TestApp } from '@groupchat/test-kit/app';
import { apiOf, as, expectStatus, registerUser, registerUsers, type Api, type TestUser } from './support/client';
import { eventsIn } from './support/log';

describe('direct conversations through HTTP', () => {
  let app: TestApp;
  let api: Api;
  let ann: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  let eve: TestUser;
  /** A public group ann and bob are both in; carol and eve share nothing with anyone. */
  let shared: string;
  let sharedAt: string;

  beforeAll(async () => {
    app = await startTestApp(NO_ABUSE_LIMITS);
    api = apiOf(app);
    [ann, bob, carol, eve] = await registerUsers(api, ['ann', 'bob', 'carol', 'eve']);
    const created = await api.post('/groups', { name: 'Orchard keepers', visibility: 'public' }, as(ann));
    expectStatus(created, 201);
    shared = created.body.groupId;
    const joined = await api.post(`/groups/${shared}/join`, undefined, as(bob, created.body.position));
    expectStatus(joined);
    sharedAt = joined.body.position;
  });
  afterAll(async () => {
    await app?.close();
  });

  it('a DM with someone who shares no group and has not accepted is refused', async () => {
    const refused = await api.post('/dms', { userIds: [carol.userId] }, as(ann, sharedAt));
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'dm_request_required', userIds: [carol.userId] });
    expect((await api.get('/dms', as(carol))).body.items).toEqual([]);
  });

  it('between people who share a group: created once, the same conversation every time after, listed for both and apart from groups', async () => {
    const first = await api.post('/dms', { userIds: [bob.userId] }, as(ann, sharedAt));
    expectStatus(first);
    expect(first.body).toEqual({ groupId: expect.any(String), position: expect.stringMatching(/^g\.\d+\.\d+$/) });
    const again = await api.post('/dms', { userIds: [ann.userId, ann.userId] }, as(bob, first.body.position));
    expectStatus(again);
    expect(again.body).toEqual(first.body);
    const creations = (await eventsIn(app.config, 'groups')).filter((e) => e.key === first.body.groupId && e.event.type === 'GroupCreated');
    expect(creations).toHaveLength(1);
    expect(creations[0]!.event).toMatchObject({ kind: 'direct', visibility: 'private', name: '' });

    const listed = await api.get('/dms', as(bob, first.body.position));
    expectStatus(listed);
    expect(listed.body.items).toEqual([
      expect.objectContaining({
        groupId: first.body.groupId,
        status: 'member',
        invitedBy: null,
        others: [{ id: ann.userId, username: ann.username, displayName: expect.any(String), avatarMediaId: null, status: 'member' }],
      }),
    ]);
    const me = await api.get('/me', as(bob, first.body.position));
    expect(me.body.groups.map((g: { groupId: string }) => g.groupId)).toEqual([shared]);
    const detail = await api.get(`/groups/${first.body.groupId}`, as(bob));
    expect(detail.body).toMatchObject({ kind: 'direct', visibility: 'private', myRole: 'member', broadcastMinRole: 'owner' });
  });

  it('two people opening the same new conversation at the same instant get one conversation, created once', async () => {
    const dan = await registerUser(api, 'dan');
    const joined = await api.post(`/groups/${shared}/join`, undefined, as(dan, sharedAt));
    expectStatus(joined);
    const [fromAnn, fromDan] = await Promise.all([
      api.post('/dms', { userIds: [dan.userId, bob.userId] }, as(ann, joined.body.position)),
      api.post('/dms', { userIds: [bob.userId, ann.userId] }, as(dan, joined.body.position)),
    ]);
    expectStatus(fromAnn);
    expectStatus(fromDan);
    expect(fromDan.body.groupId).toBe(fromAnn.body.groupId);
    const events = (await eventsIn(app.config, 'groups')).filter((e) => e.key === fromAnn.body.groupId).map((e) => e.event.type);
    expect(events.filter((t) => t === 'GroupCreated')).toHaveLength(1);
    expect(events.filter((t) => t === 'MemberJoined')).toHaveLength(3);
  });

  it('a stranger is asked with request: true, accepts by joining, then posts; the conversation is not discoverable', async () => {
    const asked = await api.post('/dms', { userIds: [carol.userId], request: true }, as(ann, sharedAt));
    expectStatus(asked);
    const { groupId } = asked.body;
    const pending = await api.get('/dms', as(carol, asked.body.position));
    expect(pending.body.items).toEqual([
      expect.objectContaining({ groupId, status: 'invited', invitedBy: ann.userId, others: [expect.objectContaining({ id: ann.userId, status: 'member' })] }),
    ]);
    expect((await api.get('/me', as(carol))).body.invites).toEqual([]);
    expect((await api.get('/groups/recommended', as(carol))).body.items.map((g: { id: string }) => g.id)).not.toContain(groupId);
    // Asked, not yet in: it shows, but nothing in it is readable or open to posts.
    expectStatus(await api.get(`/groups/${groupId}`, as(carol)));
    expect((await api.get(`/groups/${groupId}/messages`, as(carol))).status).toBe(404);
    expect((await api.post(`/groups/${groupId}/messages`, { clientMessageId: 'early', text: 'hi?' }, as(carol))).status).toBe(404);

    const accepted = await api.post(`/groups/${groupId}/join`, undefined, as(carol, asked.body.position));
    expectStatus(accepted);
    const sent = await api.post(`/groups/${groupId}/messages`, { clientMessageId: 'hello', text: 'pears are ripe' }, as(carol, accepted.body.position));
    expect(sent.status, JSON.stringify(sent.body)).toBe(202);
    const history = await api.get(`/groups/${groupId}/messages`, as(ann, sent.body.position));
    expect(history.body.items.map((m: { text: string }) => m.text)).toEqual(['pears are ripe']);
    const found = await api.get(`/search/messages?q=pears`, as(ann, sent.body.position));
    expect(found.body.items.map((m: { groupId: string }) => m.groupId)).toEqual([groupId]);

    // Once in a conversation together, they are no strangers: a DM of their own needs no request.
    expectStatus(await api.post('/dms', { userIds: [carol.userId, bob.userId] }, as(ann, accepted.body.position)));

    for (const path of ['/groups?q=orchard', '/search/groups?q=orchard']) {
      const hits = await api.get(path, as(ann));
      expect(hits.body.items.map((g: { id: string }) => g.id)).toEqual([shared]);
    }
  });

  it('an outsider cannot see, read, join or post in a conversation (404); found in search by nobody else', async () => {
    const dm = await api.post('/dms', { userIds: [bob.userId] }, as(ann, sharedAt));
    const sent = await api.post(`/groups/${dm.body.groupId}/messages`, { clientMessageId: 'secret', text: 'quince jam' }, as(ann, dm.body.position));
    expect(sent.status).toBe(202);
    for (const path of ['', '/messages', '/members'])
      expect((await api.get(`/groups/${dm.body.groupId}${path}`, as(eve, sent.body.position))).status).toBe(404);
    expect((await api.post(`/groups/${dm.body.groupId}/join`, undefined, as(eve))).status).toBe(404);
    expect((await api.post(`/groups/${dm.body.groupId}/messages`, { clientMessageId: 'x', text: 'let me in' }, as(eve))).status).toBe(404);
    expect((await api.get('/search/messages?q=quince', as(eve, sent.body.position))).body.items).toEqual([]);
    expect((await api.get('/search/messages?q=quince', as(bob, sent.body.position))).body.items).toHaveLength(1);
  });

  it('a request declined by leaving ends it; the conversation has no settings, invites or roles', async () => {
    const asked = await api.post('/dms', { userIds: [eve.userId], request: true }, as(bob));
    expectStatus(asked);
    const { groupId } = asked.body;
    const declined = await api.post(`/groups/${groupId}/leave`, undefined, as(eve, asked.body.position));
    expectStatus(declined);
    expect((await api.get('/dms', as(eve, declined.body.position))).body.items).toEqual([]);
    const seen = await api.get('/dms', as(bob, declined.body.position));
    expect(seen.body.items.find((d: { groupId: string }) => d.groupId === groupId).others).toEqual([]);

    for (const [method, path, body] of [
      ['PATCH', `/groups/${groupId}`, { name: 'Renamed' }],
      ['POST', `/groups/${groupId}/invites`, { userId: ann.userId }],
      ['PUT', `/groups/${groupId}/members/${bob.userId}/role`, { role: 'owner' }],
      ['DELETE', `/groups/${groupId}`, undefined],
    ] as const) {
      const res = await api.call(method, path, body, as(bob, declined.body.position));
      expect({ path, method, status: res.status, code: res.body.code }).toEqual({ path, method, status: 403, code: 'direct_conversation' });
    }
  });

  it('at most 10 people in all; unknown people are 422', async () => {
    const nine = await Promise.all(Array.from({ length: 10 }, (_, i) => registerUser(api, `p${i}`)));
    const joins = await Promise.all(nine.map((u) => api.post(`/groups/${shared}/join`, undefined, as(u))));
    const at = joins.map((j) => j.body.position as string);
    const tooMany = await api.post('/dms', { userIds: nine.map((u) => u.userId) }, as(ann, ...at));
    expect(tooMany.status).toBe(422);
    const ten = await api.post('/dms', { userIds: nine.slice(0, 9).map((u) => u.userId) }, as(ann, ...at));
    expectStatus(ten);
    expect((await api.post('/dms', { userIds: ['no-such-user'] }, as(ann))).status).toBe(422);
    expect((await api.post('/dms', { userIds: [ann.userId] }, as(ann))).status).toBe(422);
  });

  it('owners and admins set who may mention @here and @everyone; the group detail shows it', async () => {
    const patched = await api.patch(`/groups/${shared}`, { broadcastMinRole: 'member' }, as(ann));
    expectStatus(patched);
    expect((await api.get(`/groups/${shared}`, as(bob, patched.body.position))).body).toMatchObject({ kind: 'group', broadcastMinRole: 'member' });
    expect((await api.patch(`/groups/${shared}`, { broadcastMinRole: 'owner' }, as(bob))).status).toBe(403);
  });
});
