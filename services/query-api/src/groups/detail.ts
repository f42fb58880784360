import { forbidden, notFound, restrictionsIn, type Pool } from '@groupchat/shared';
import { GROUP_COLUMNS, groupDetail, type GroupRow } from './group-row';
import { assertModerator } from './audit';

/**
 * One group as the caller may see it. A private group exists only for its members and the
 * people invited to it (they must see what they are accepting); everyone else gets the same
 * 404 as for an unknown id, so private groups cannot be probed.
 */
export async function groupById(pool: Pool, groupId: string, callerId: string) {
  const { rows } = await pool.query<GroupRow & { invited: boolean }>(
    `SELECT ${GROUP_COLUMNS}, a.role AS my_role, a.invited
       FROM group_access($1, $2) a JOIN groups g ON g.group_id = a.group_id
      WHERE a.can_see`,
    [groupId, callerId],
  );
  if (!rows[0]) throw notFound('group');
  const mine = (await restrictionsIn(pool, groupId, [callerId])).get(callerId);
  const iso = (ms: number | null | undefined) => (ms == null ? null : new Date(ms).toISOString());
  return {
    ...groupDetail(rows[0]),
    myBan: mine?.bannedUntil !== undefined ? { until: iso(mine.bannedUntil), reason: mine.banReason ?? null } : null,
    myTimeout: mine?.timedOutUntil !== undefined ? { until: iso(mine.timedOutUntil)!, reason: mine.timeoutReason ?? null } : null,
  };
}

/** The bans in force in a group, newest first, for its moderators and up (404 for those who cannot see it, 403 below moderator). */
export async function bansOf(pool: Pool, groupId: string, callerId: string) {
  const { rows: access } = await pool.query<{ can_see: boolean; can_moderate: boolean }>('SELECT can_see, can_moderate FROM group_access($1, $2)', [
    groupId,
    callerId,
  ]);
  if (!access[0]?.can_see) throw notFound('group');
  if (!access[0].can_moderate) throw forbidden('only moderators and above see the bans', 'not_a_moderator');
  const { rows } = await pool.query<{
    user_id: string;
    username: string | null;
    display_name: string | null;
    until: Date | null;
    reason: string | null;
    banned_by: string;
    banned_at: Date;
  }>(
    `SELECT b.user_id, u.username, u.display_name, b.until, b.reason, b.banned_by, b.banned_at
       FROM bans b LEFT JOIN users u ON u.user_id = b.user_id
      WHERE b.group_id = $1 AND (b.until IS NULL OR b.until > now())
      ORDER BY b.banned_at DESC, b.user_id LIMIT 1000`,
    [groupId],
  );
  return {
    items: rows.map((r) => ({
      userId: r.user_id,
      username: r.username,
      displayName: r.display_name,
      until: r.until?.toISOString() ?? null,
      reason: r.reason,
      bannedBy: r.banned_by,
      bannedAt: r.banned_at.toISOString(),
    })),
  };
}

/** The invites by user still pending (not used, revoked or lapsed), newest first: moderators and up, who may revoke them. */
export async function invitesOf(pool: Pool, groupId: string, callerId: string) {
  await assertModerator(pool, groupId, callerId, 'see the pending invites');
  const { rows } = await pool.query<{
    user_id: string;
    username: string | null;
    display_name: string | null;
    invited_by: string;
    inviter_name: string | null;
    invited_at: Date;
    expires_at: Date | null;
  }>(
    `SELECT i.user_id, u.username, u.display_name, i.invited_by, coalesce(b.display_name, b.username) AS inviter_name, i.invited_at, i.expires_at
       FROM invites i LEFT JOIN users u ON u.user_id = i.user_id LEFT JOIN users b ON b.user_id = i.invited_by
      WHERE i.group_id = $1 AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.group_id = i.group_id AND m.user_id = i.user_id)
      ORDER BY i.invited_at DESC, i.user_id LIMIT 1000`,
    [groupId],
  );
  return {
    items: rows.map((r) => ({
      userId: r.user_id,
      username: r.username,
      displayName: r.display_name,
      invitedBy: r.invited_by,
      invitedByName: r.inviter_name,
      invitedAt: r.invited_at.toISOString(),
      expiresAt: r.expires_at?.toISOString() ?? null,
    })),
  };
}
