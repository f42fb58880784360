import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support/harness';
import { event, groupCreated, joined } from './support/events';

describe('invites and invite links, given events on the real log', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('shows only pending invites: a lapsed or revoked one no longer opens a private group', async () => {
    const hour = 3600_000;
    await h.given(
      groupCreated('gi-1', 'u-1', { name: 'Lapsing', visibility: 'private' }),
      joined('gi-1', 'u-1', 'owner'),
      event('MemberInvited', { groupId: 'gi-1', userId: 'u-pending', invitedBy: 'u-1', expiresAt: Date.now() + hour }),
      event('MemberInvited', { groupId: 'gi-1', userId: 'u-lapsed', invitedBy: 'u-1', expiresAt: Date.now() - hour }),
      event('MemberInvited', { groupId: 'gi-1', userId: 'u-old', invitedBy: 'u-1', expiresAt: null }),
      event('MemberInvited', { groupId: 'gi-1', userId: 'u-revoked', invitedBy: 'u-1', expiresAt: Date.now() + hour }),
      event('InviteRevoked', { groupId: 'gi-1', userId: 'u-revoked', revokedBy: 'u-1' }),
    );
    await h.caughtUp();
    expect((await h.rows(`SELECT user_id FROM invites WHERE group_id = 'gi-1' ORDER BY user_id`)).map((r) => r.user_id)).toEqual(['u-old', 'u-pending']);
    const sees = async (u: string) => (await h.rows(`SELECT can_see FROM group_access('gi-1', '${u}')`))[0]?.can_see;
    expect([await sees('u-pending'), await sees('u-old'), await sees('u-lapsed'), await sees('u-revoked')]).toEqual([true, true, false, false]);
  });

  it('counts the uses of a link from the joins that name it, and keeps them when it is revoked', async () => {
    await h.given(
      groupCreated('gi-2', 'u-1', { name: 'Linked', visibility: 'private' }),
      joined('gi-2', 'u-1', 'owner'),
      event('InviteLinkCreated', { groupId: 'gi-2', code: 'code-two', createdBy: 'u-1', expiresAt: null, maxUses: 5 }),
      event('MemberJoined', { groupId: 'gi-2', userId: 'u-2', role: 'member', via: 'invite', inviteCode: 'code-two' }),
      event('MemberJoined', { groupId: 'gi-2', userId: 'u-3', role: 'member', via: 'invite', inviteCode: 'code-two' }),
      event('MemberJoined', { groupId: 'gi-2', userId: 'u-4', role: 'member', via: 'invite', inviteCode: null }),
      event('InviteLinkRevoked', { groupId: 'gi-2', code: 'code-two', revokedBy: 'u-1' }),
    );
    await h.caughtUp();
    expect(await h.rows(`SELECT group_id, max_uses, uses, revoked, revoked_by FROM invite_links WHERE code = 'code-two'`)).toEqual([
      { group_id: 'gi-2', max_uses: 5, uses: 2, revoked: true, revoked_by: 'u-1' },
    ]);
  });
});
