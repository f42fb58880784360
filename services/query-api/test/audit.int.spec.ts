import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_ABUSE_LIMITS, startTestApp, type TestApp } from '@groupchat/test-kit/app';
import { apiOf, expectStatus, readingOwnWrites, registerUsers, type Api, type TestUser } from '../../command-api/test/support/client';

/** GET /groups/:id/audit on the real app: moderator actions listed once, for moderators only, and as CSV. */
describe('the audit log route', () => {
  let app: TestApp;
  let api: Api;
  let ada: TestUser; // owner
  let mo: TestUser; // promoted to moderator
  let bo: TestUser; // member
  let groupId: string;
  const { as, ok } = readingOwnWrites();

  beforeAll(async () => {
    app = await startTestApp(NO_ABUSE_LIMITS);
    api = apiOf(app);
    [ada, mo, bo] = await registerUsers(api, ['ada', 'mo', 'bo']);
    await ok(api.patch('/me', { displayName: '=cmd|calc' }, as(bo)));
    groupId = (await ok(api.post('/groups', { name: 'Audited', visibility: 'public' }, as(ada)))).groupId;
    for (const u of [mo, bo]) await ok(api.post(`/groups/${groupId}/join`, undefined, as(u)));
    await ok(api.put(`/groups/${groupId}/members/${mo.userId}/role`, { role: 'moderator' }, as(ada)));
  });
  afterAll(async () => {
    await app?.close();
  });

  it('lists a moderator action once with actor and target, refuses a member, and exports CSV with formulas defused', async () => {
    await ok(
      api.post(`/groups/${groupId}/timeouts`, { userId: bo.userId, until: new Date(Date.now() + 60_000).toISOString(), reason: '=HYPERLINK()' }, as(mo)),
    );
    const page = await api.get(`/groups/${groupId}/audit`, as(mo));
    expectStatus(page);
    const timeouts = page.body.items.filter((e: { action: string }) => e.action === 'member_timed_out');
    expect(timeouts).toHaveLength(1);
    expect(timeouts[0]).toMatchObject({ actor: { userId: mo.userId }, targetUser: { userId: bo.userId, displayName: '=cmd|calc' } });
    expect(page.body.items.map((e: { action: string }) => e.action)).toEqual(['member_timed_out', 'role_changed', 'group_created']);

    const filtered = await api.get(`/groups/${groupId}/audit?action=role_changed&limit=1`, as(ada));
    expect(filtered.body).toMatchObject({
      items: [{ action: 'role_changed', actor: { userId: ada.userId }, targetUser: { userId: mo.userId } }],
      nextBefore: null,
    });
    const first = await api.get(`/groups/${groupId}/audit?limit=1`, as(ada));
    const older = await api.get(`/groups/${groupId}/audit?limit=1&before=${first.body.nextBefore}`, as(ada));
    expect(older.body.items[0].action).toBe('role_changed');

    expectStatus(await api.get(`/groups/${groupId}/audit`, as(bo)), 403);
    expectStatus(await api.get(`/groups/${groupId}/audit?action=nope`, as(ada)), 422);
    expectStatus(await api.get(`/groups/${groupId}/audit?before=bad`, as(ada)), 400);

    const csv = await api.get(`/groups/${groupId}/audit?format=csv`, as(mo));
    expectStatus(csv);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="audit-.+\.csv"$/);
    const lines = (csv.body as string).trim().split('\r\n');
    expect(lines[0]).toMatch(/^time,action,actor_id,/);
    const row = lines.find((l) => l.includes(',member_timed_out,'))!;
    expect(row).toContain(",'=cmd|calc,");
    expect(row).toContain(",'=HYPERLINK(),");
    expect(lines).toHaveLength(4);
  });
});
