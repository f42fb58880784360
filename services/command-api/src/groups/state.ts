import type { BroadcastMinRole, GroupKind, Role, Visibility } from '@groupchat/schemas';
import { restrictionsIn, type GroupsFold, type Pool } from '@groupchat/shared';
import type { GroupState } from './decide';
import type { GroupFacts } from './roles';

export interface StateQuery {
  actorId: string;
  targetId?: string;
  /** Also count the owners (leaving and role changes need it). */
  owners?: boolean;
}

/** The facts a group command is decided on, read from the read-model views (docs/read-models.md). */
export async function loadGroupState(pool: Pool, groupId: string, q: StateQuery): Promise<GroupState> {
  const people = q.targetId ? [q.actorId, q.targetId] : [q.actorId];
  const [group, roles, invited, owners, restrictions] = await Promise.all([
    loadGroup(pool, groupId),
    pool.query<{ user_id: string; role: Role }>('SELECT user_id, role FROM memberships WHERE group_id = $1 AND user_id = ANY($2)', [groupId, people]),
    pool.query<{ user_id: string }>('SELECT user_id FROM invites WHERE group_id = $1 AND user_id = ANY($2)', [groupId, people]),
    q.owners ? pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM memberships WHERE group_id = $1 AND role = 'owner'`, [groupId]) : undefined,
    restrictionsIn(pool, groupId, people),
  ]);
  const ban = (id: string) => restrictions.get(id)?.bannedUntil;
  const roleOf = (id: string) => roles.rows.find((r) => r.user_id === id)?.role ?? null;
  const invitedSet = new Set(invited.rows.map((r) => r.user_id));
  return {
    group,
    actorRole: roleOf(q.actorId),
    actorInvited: invitedSet.has(q.actorId),
    ...(ban(q.actorId) !== undefined ? { actorBannedUntil: ban(q.actorId) } : {}),
    ...(q.targetId
      ? {
          targetRole: roleOf(q.targetId),
          targetInvited: invitedSet.has(q.targetId),
          targetBanned: ban(q.targetId) !== undefined,
          targetTimedOut: restrictions.get(q.targetId)?.timedOutUntil !== undefined,
        }
      : {}),
    ...(owners ? { owners: owners.rows[0]!.n } : {}),
  };
}

export async function loadGroup(pool: Pool, groupId: string): Promise<GroupFacts | null> {
  const { rows } = await pool.query<{
    group_id: string;
    visibility: Visibility;
    slow_mode_seconds: number | null;
    deleted: boolean;
    kind: GroupKind;
    broadcast_min_role: BroadcastMinRole;
  }>('SELECT group_id, visibility, slow_mode_seconds, deleted, kind, broadcast_min_role FROM groups WHERE group_id = $1', [groupId]);
  const row = rows[0];
  return row
    ? {
        groupId: row.group_id,
        visibility: row.visibility,
        slowModeSeconds: row.slow_mode_seconds ?? 0,
        deleted: row.deleted,
        kind: row.kind,
        broadcastMinRole: row.broadcast_min_role,
      }
    : null;
}

export async function roleIn(pool: Pool, groupId: string, userId: string): Promise<Role | null> {
  const { rows } = await pool.query<{ role: Role }>('SELECT role FROM memberships WHERE group_id = $1 AND user_id = $2', [groupId, userId]);
  return rows[0]?.role ?? null;
}

/** The group and one person's role in it, from this process's fold of the groups topic. */
export function groupAndRole(fold: GroupsFold, groupId: string, userId: string): { group: GroupFacts | null; role: Role | null } {
  return { group: fold.group(groupId), role: fold.roleOf(groupId, userId) };
}
