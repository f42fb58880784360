// Sends are decided on each process's own fold of the groups topic: read-your-writes across
// processes comes from X-Min-Position, and within one process from the group changes it appended.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_ABUSE_LIMITS, startTestApp, type TestApp } from '@groupchat/test-kit/app';
import { apiOf, registerUsers, type Api, type TestUser } from './support/client';
import { secondCommandApi, type SecondProcess } from './support/second-process';

describe('when group changes and sends go through different command-api processes', () => {
  let app: TestApp;
  let api: Api;
  let other: SecondProcess;
  let otherApi: Api;
  let owner: TestUser;
  let member: TestUser;

  beforeAll(async () => {
    app = await startTestApp(NO_ABUSE_LIMITS);
    api = apiOf(app);
    [owner, member] = await registerUsers(api, ['owner', 'member']);
    other = await secondCommandApi(app.config);
    otherApi = apiOf(other);
  });
  afterAll(async () => {
    other?.close();
    await app?.close();
  });

  it('then a group created and joined through one process takes a send through the other at once, given their positions', async () => {
    const created = await api.post('/groups', { name: 'Across', visibility: 'private' }, { token: owner.token });
    expect(created.status).toBe(201);
    const groupId = created.body.groupId;
    const invited = await api.post(
      `/groups/${groupId}/invites`,
      { userId: member.userId },
      { token: owner.token, headers: { 'x-min-position': created.body.position } },
    );
    const joined = await api.post(`/groups/${groupId}/join`, undefined, { token: member.token, headers: { 'x-min-position': invited.body.position } });
    expect(joined.status).toBe(200);
    const sent = await otherApi.post(
      `/groups/${groupId}/messages`,
      { clientMessageId: 'first', text: 'hello' },
      { token: member.token, headers: { 'x-min-position': joined.body.position } },
    );
    expect(sent.status, JSON.stringify(sent.body)).toBe(202);
  });

  it('then a removal through a process refuses the member’s next send through it at once', async () => {
    const groupId = (await otherApi.post('/groups', { name: 'Strict', visibility: 'public' }, { token: owner.token })).body.groupId;
    expect((await otherApi.post(`/groups/${groupId}/join`, undefined, { token: member.token })).status).toBe(200);
    expect((await otherApi.post(`/groups/${groupId}/messages`, { clientMessageId: 'before', text: 'hi' }, { token: member.token })).status).toBe(202);
    expect((await otherApi.del(`/groups/${groupId}/members/${member.userId}`, undefined, { token: owner.token })).status).toBe(200);
    const after = await otherApi.post(`/groups/${groupId}/messages`, { clientMessageId: 'after', text: 'still here?' }, { token: member.token });
    expect(after.body).toMatchObject({ status: 403, code: 'not_a_member' });
  });

  it('then a position the groups topic has not reached answers 503 after the bounded wait, not a decision on old state', async () => {
    const groupId = (await otherApi.post('/groups', { name: 'Ahead', visibility: 'public' }, { token: owner.token })).body.groupId;
    const res = await otherApi.post(
      `/groups/${groupId}/messages`,
      { clientMessageId: 'ahead', text: 'from the future' },
      { token: owner.token, headers: { 'x-min-position': 'g.0.999999' } },
    );
    expect(res.status).toBe(503);
    expect(res.body.code).toBe('read_model_behind');
  });
});
