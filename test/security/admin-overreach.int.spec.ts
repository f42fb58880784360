// An admin runs a group with its owner but must not be able to destroy it or expose it: deleting
// a group and opening a private one to the public are the owner's alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_ABUSE_LIMITS, startTestApp, type TestApp } from '@groupchat/test-kit/app';
import { apiOf, registerUsers, type Api, type TestUser } from '../../services/command-api/test/support/client';

describe('an admin overreaching', () => {
  let app: TestApp;
  let api: Api;
  let owner: TestUser;
  let admin: TestUser;
  let groupId: string;
  let position: string;

  const as = (u: TestUser) => ({ token: u.token, headers: { 'x-min-position': position } });
  const step = (res: { status: number; body: any }, status: number) => {
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    if (res.body?.position) position = res.body.position;
    return res;
  };
  const group = async () => api.call('GET', `/groups/${groupId}`, undefined, as(owner));

  beforeAll(async () => {
    app = await startTestApp(NO_ABUSE_LIMITS);
    api = apiOf(app);
    [owner, admin] = await registerUsers(api, ['owner', 'admin']);
    position = owner.position;
    groupId = step(await api.post('/groups', { name: 'Private circle', visibility: 'private' }, as(owner)), 201).body.groupId;
    step(await api.post(`/groups/${groupId}/invites`, { userId: admin.userId }, as(owner)), 200);
    step(await api.post(`/groups/${groupId}/join`, undefined, as(admin)), 200);
    step(await api.put(`/groups/${groupId}/members/${admin.userId}/role`, { role: 'admin' }, as(owner)), 200);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('when an admin deletes the group, then 403 problem and the group remains', async () => {
    const res = await api.del(`/groups/${groupId}`, undefined, as(admin));
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe('forbidden');
    expect((await group()).status).toBe(200);
  });

  it('when an admin makes the private group public, then 403 and it stays private; the admin may still rename it', async () => {
    const res = await api.patch(`/groups/${groupId}`, { visibility: 'public' }, as(admin));
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('forbidden');
    step(await api.patch(`/groups/${groupId}`, { name: 'Private circle, renamed', visibility: 'private' }, as(admin)), 200);
    const now = await group();
    expect(now.body).toMatchObject({ name: 'Private circle, renamed', visibility: 'private' });
  });

  it('when the owner makes it public and then deletes it, then both are accepted', async () => {
    step(await api.patch(`/groups/${groupId}`, { visibility: 'public' }, as(owner)), 200);
    expect((await group()).body.visibility).toBe('public');
    step(await api.del(`/groups/${groupId}`, undefined, as(owner)), 200);
    expect((await group()).status).toBe(404);
  });
});
