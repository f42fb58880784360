import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_ABUSE_LIMITS, startTestApp, type TestApp } from '@groupchat/test-kit/app';
import { apiOf, as, expectStatus, registerUsers, type Api, type TestUser } from './support/client';
import { eventsIn } from './support/log';

describe('groups and membership through HTTP', () => {
  let app: TestApp;
  let api: Api;
  let owner: TestUser;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;

  beforeAll(async () => {
    app = await startTestApp(NO_ABUSE_LIMITS);
    api = apiOf(app);
    [owner, alice, bob, carol] = await registerUsers(api, ['owner', 'alice', 'bob', 'carol']);
  });
  afterAll(async () => {
    await app?.close();
  });

  async function createGroup(by: TestUser, visibility: 'public' | 'private', name = 'Climbers') {
    const res = await api.post('/groups', { name, description: 'We climb.\nOften.', interests: ['Climbing', 'Outdoors'], visibility }, as(by));
    expect(res.status).toBe(201);
    return res.body.groupId as string;
  }

  it('when creating a group, then 201 and GroupCreated with the owner joining, on the group’s key, in one request', async () => {
    const res = await api.post(
      '/groups',
      { name: '  Night  Owls ', interests: ['Astronomy', 'astronomy'], visibility: 'public' },
      { ...as(owner), headers: { 'x-request-id': 'create-night-owls' } },
    );
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ groupId: expect.any(String), position: expect.stringMatching(/^g\.\d+\.\d+$/) });
    const events = (await eventsIn(app.config, 'groups')).filter((e) => e.key === res.body.groupId);
    expect(events.map((e) => e.event)).toEqual([
      expect.objectContaining({
        type: 'GroupCreated',
        groupId: res.body.groupId,
        name: 'Night  Owls',
        description: '',
        interests: ['astronomy'],
        visibility: 'public',
        ownerId: owner.userId,
        slowModeSeconds: 0,
        actorId: owner.userId,
        correlationId: 'create-night-owls',
      }),
      expect.objectContaining({
        type: 'MemberJoined',
        groupId: res.body.groupId,
        userId: owner.userId,
        role: 'owner',
        via: 'create',
        correlationId: 'create-night-owls',
      }),
    ]);
    expect(`g.${events[1]!.partition}.${events[1]!.offset}`).toBe(res.body.position);
  });

  it('public groups: anyone joins once; a second join is 409', async () => {
    const groupId = await createGroup(owner, 'public');
    const join = await api.post(`/groups/${groupId}/join`, undefined, as(alice));
    expectStatus(join);
    expect(join.body).toEqual({ position: expect.stringMatching(/^g\./) });
    const again = await api.post(`/groups/${groupId}/join`, undefined, as(alice));
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'already_member' });
  });

  it('private groups: 404 to non-members; moderators invite; the invitee joins by invite', async () => {
    const groupId = await createGroup(owner, 'private');
    expect((await api.post(`/groups/${groupId}/join`, undefined, as(alice))).status).toBe(404);
    expect((await api.patch(`/groups/${groupId}`, { name: 'Hijacked' }, as(alice))).status).toBe(404);
    expect((await api.post(`/groups/${groupId}/messages`, { clientMessageId: 'c1', text: 'hi' }, as(alice))).status).toBe(404);

    expectStatus(await api.post(`/groups/${groupId}/invites`, { userId: alice.userId }, as(owner)));
    expect((await api.post(`/groups/${groupId}/invites`, { userId: alice.userId }, as(owner))).body).toMatchObject({ status: 409, code: 'already_invited' });
    expectStatus(await api.post(`/groups/${groupId}/join`, undefined, as(alice)));
    expect((await api.post(`/groups/${groupId}/invites`, { userId: alice.userId }, as(owner))).body).toMatchObject({ status: 409, code: 'already_member' });

    const plainMemberInvites = await api.post(`/groups/${groupId}/invites`, { userId: bob.userId }, as(alice));
    expect(plainMemberInvites.status).toBe(403);
    expect((await api.post(`/groups/${groupId}/invites`, { userId: 'no-such-user' }, as(owner))).status).toBe(422);

    const events = (await eventsIn(app.config, 'groups')).filter((e) => e.key === groupId).map((e) => e.event);
    expect(events.map((e) => e.type)).toEqual(['GroupCreated', 'MemberJoined', 'MemberInvited', 'MemberJoined']);
    expect(events[3]).toMatchObject({ userId: alice.userId, via: 'invite', role: 'member' });
  });

  it('invites to a public group are 409', async () => {
    const groupId = await createGroup(owner, 'public');
    expect((await api.post(`/groups/${groupId}/invites`, { userId: alice.userId }, as(owner))).body).toMatchObject({ status: 409, code: 'group_is_public' });
  });

  it('updating: owners and admins edit; moderators only set slow mode; members neither', async () => {
    const groupId = await createGroup(owner, 'public');
    for (const u of [alice, bob, carol]) expectStatus(await api.post(`/groups/${groupId}/join`, undefined, as(u)));
    expectStatus(await api.put(`/groups/${groupId}/members/${alice.userId}/role`, { role: 'admin' }, as(owner)));
    expectStatus(await api.put(`/groups/${groupId}/members/${bob.userId}/role`, { role: 'moderator' }, as(owner)));

    expectStatus(await api.patch(`/groups/${groupId}`, { name: 'Renamed by admin', visibility: 'private' }, as(alice)));
    expect((await api.patch(`/groups/${groupId}`, { name: 'Renamed by mod' }, as(bob))).status).toBe(403);
    expectStatus(await api.patch(`/groups/${groupId}`, { slowModeSeconds: 30 }, as(bob)));
    expect((await api.patch(`/groups/${groupId}`, { slowModeSeconds: 0 }, as(carol))).status).toBe(403);

    const updates = (await eventsIn(app.config, 'groups')).filter((e) => e.key === groupId && e.event.type === 'GroupUpdated').map((e) => e.event);
    expect(updates).toEqual([
      expect.objectContaining({ name: 'Renamed by admin', visibility: 'private', description: null, slowModeSeconds: null, actorId: alice.userId }),
      expect.objectContaining({ name: null, slowModeSeconds: 30, actorId: bob.userId }),
    ]);
  });

  it('roles: owners hand over ownership; admins act only below admin; the last owner is never demoted', async () => {
    const groupId = await createGroup(owner, 'public');
    for (const u of [alice, bob]) expectStatus(await api.post(`/groups/${groupId}/join`, undefined, as(u)));
    expect((await api.post(`/groups/${groupId}/leave`, undefined, as(owner))).body).toMatchObject({ status: 409, code: 'last_owner' });
    expect((await api.put(`/groups/${groupId}/members/${owner.userId}/role`, { role: 'member' }, as(owner))).body).toMatchObject({
      status: 409,
      code: 'last_owner',
    });

    expectStatus(await api.put(`/groups/${groupId}/members/${alice.userId}/role`, { role: 'admin' }, as(owner)));
    expect((await api.put(`/groups/${groupId}/members/${alice.userId}/role`, { role: 'admin' }, as(owner))).body).toMatchObject({
      status: 409,
      code: 'role_unchanged',
    });
    expect((await api.put(`/groups/${groupId}/members/${bob.userId}/role`, { role: 'admin' }, as(alice))).status).toBe(403);
    expectStatus(await api.put(`/groups/${groupId}/members/${bob.userId}/role`, { role: 'moderator' }, as(alice)));
    expect((await api.put(`/groups/${groupId}/members/${owner.userId}/role`, { role: 'member' }, as(alice))).status).toBe(403);
    expect((await api.put(`/groups/${groupId}/members/${bob.userId}/role`, { role: 'member' }, as(bob))).status).toBe(403);
    expect((await api.put(`/groups/${groupId}/members/${carol.userId}/role`, { role: 'member' }, as(owner))).status).toBe(404);

    expectStatus(await api.put(`/groups/${groupId}/members/${alice.userId}/role`, { role: 'owner' }, as(owner)));
    expectStatus(await api.post(`/groups/${groupId}/leave`, undefined, as(owner)));
    expect((await api.post(`/groups/${groupId}/leave`, undefined, as(owner))).body).toMatchObject({ status: 409, code: 'not_a_member' });
    expect((await api.put(`/groups/${groupId}/members/${alice.userId}/role`, { role: 'admin' }, as(alice))).body).toMatchObject({
      status: 409,
      code: 'last_owner',
    });
  });

  it('two owners demoting each other at once: one wins, the group keeps an owner', async () => {
    const groupId = await createGroup(owner, 'public');
    expectStatus(await api.post(`/groups/${groupId}/join`, undefined, as(alice)));
    expectStatus(await api.put(`/groups/${groupId}/members/${alice.userId}/role`, { role: 'owner' }, as(owner)));
    const [a, b] = await Promise.all([
      api.put(`/groups/${groupId}/members/${alice.userId}/role`, { role: 'member' }, as(owner)),
      api.put(`/groups/${groupId}/members/${owner.userId}/role`, { role: 'member' }, as(alice)),
    ]);
    // Serialised: the second sees the first's effect; its actor is no longer an owner.
    expect([a.status, b.status].sort()).toEqual([200, 403]);
    const demotions = (await eventsIn(app.config, 'groups')).filter(
      (e) => e.key === groupId && e.event.type === 'MemberRoleChanged' && e.event.role === 'member',
    );
    expect(demotions).toHaveLength(1);
  });

  it('removing: moderators and above remove lower roles only; a removed member is out at once', async () => {
    const groupId = await createGroup(owner, 'public');
    for (const u of [alice, bob, carol]) expectStatus(await api.post(`/groups/${groupId}/join`, undefined, as(u)));
    expectStatus(await api.put(`/groups/${groupId}/members/${alice.userId}/role`, { role: 'moderator' }, as(owner)));
    expectStatus(await api.put(`/groups/${groupId}/members/${bob.userId}/role`, { role: 'moderator' }, as(owner)));

    expect((await api.del(`/groups/${groupId}/members/${bob.userId}`, undefined, as(carol))).status).toBe(403);
    expect((await api.del(`/groups/${groupId}/members/${bob.userId}`, undefined, as(alice))).status).toBe(403);
    expect((await api.del(`/groups/${groupId}/members/${owner.userId}`, undefined, as(alice))).status).toBe(403);
    expect((await api.del(`/groups/${groupId}/members/no-such-member`, undefined, as(alice))).status).toBe(404);
    const removed = await api.del(`/groups/${groupId}/members/${carol.userId}`, undefined, as(alice));
    expectStatus(removed);
    expect((await api.post(`/groups/${groupId}/messages`, { clientMessageId: 'after-removal', text: 'still here?' }, as(carol))).status).toBe(403);
    expect((await api.del(`/groups/${groupId}/members/${carol.userId}`, undefined, as(alice))).status).toBe(404);
    const event = (await eventsIn(app.config, 'groups')).find((e) => e.key === groupId && e.event.type === 'MemberRemoved')!.event;
    expect(event).toMatchObject({ userId: carol.userId, removedBy: alice.userId });
  });

  it('deleting: owners only; afterwards the group is 404 for everything', async () => {
    const groupId = await createGroup(owner, 'public');
    expectStatus(await api.post(`/groups/${groupId}/join`, undefined, as(alice)));
    expect((await api.del(`/groups/${groupId}`, undefined, as(alice))).status).toBe(403);
    expectStatus(await api.del(`/groups/${groupId}`, undefined, as(owner)));
    expect((await api.post(`/groups/${groupId}/join`, undefined, as(bob))).status).toBe(404);
    expect((await api.post(`/groups/${groupId}/messages`, { clientMessageId: 'c1', text: 'hello?' }, as(alice))).status).toBe(404);
    expect((await api.del(`/groups/${groupId}`, undefined, as(owner))).status).toBe(404);
  });

  it('unknown groups are 404', async () => {
    const unknown = '5f0c2a4e-9b7d-4c3a-a1e2-5d0f8b9c7e31';
    expect((await api.post(`/groups/${unknown}/join`, undefined, as(alice))).status).toBe(404);
    expect((await api.post(`/groups/${unknown}/leave`, undefined, as(alice))).status).toBe(404);
  });
});
