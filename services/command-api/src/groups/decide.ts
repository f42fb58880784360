import type { BroadcastMinRole, Role, Visibility } from '@groupchat/schemas';
import { conflict, forbidden, invalid, notFound } from '@groupchat/shared';
import type { Decided } from '../http/envelope';
import { permissions } from '@groupchat/schemas/permissions';
import { notReachable } from '../dms/decide';
import { bannedError } from '../moderation/decide';
import { memberOf, visibleGroup, type GroupFacts } from './roles';

export interface GroupState {
  group: GroupFacts | null;
  /** The caller's role; null when not a member. */
  actorRole: Role | null;
  actorInvited?: boolean;
  /** The role of the member the command is about; null when not a member. */
  targetRole?: Role | null;
  targetInvited?: boolean;
  targetRegistered?: boolean;
  /** The target has blocked the caller (docs/moderation.md). */
  targetBlocksActor?: boolean;
  /** Bans and timeouts in force (docs/moderation.md): the end of each, null for a permanent ban; absent when none. */
  actorBannedUntil?: number | null;
  targetBanned?: boolean;
  targetTimedOut?: boolean;
  /** How many owners the group has. */
  owners?: number;
}

export interface CreateGroup {
  groupId: string;
  ownerId: string;
  name: string;
  description?: string;
  interests?: string[];
  visibility: Visibility;
}

export function decideCreateGroup(c: CreateGroup): Decided[] {
  return [
    {
      type: 'GroupCreated',
      groupId: c.groupId,
      name: c.name,
      description: c.description ?? '',
      interests: c.interests ?? [],
      visibility: c.visibility,
      ownerId: c.ownerId,
      slowModeSeconds: 0,
      kind: 'group',
      broadcastMinRole: 'moderator',
    },
    { type: 'MemberJoined', groupId: c.groupId, userId: c.ownerId, role: 'owner', via: 'create', inviteCode: null },
  ];
}

export interface UpdateGroup {
  groupId: string;
  name?: string;
  description?: string;
  interests?: string[];
  visibility?: Visibility;
  slowModeSeconds?: number;
  broadcastMinRole?: BroadcastMinRole;
  /** Days messages are kept (docs/privacy.md); null: forever. */
  retentionDays?: number | null;
}

/**
 * Owners and admins change what the group is, who may mention @here and @everyone and how long
 * messages are kept, but only
 * owners open a private group; moderators may only set slow mode. A direct conversation has
 * nothing to change.
 */
export function decideUpdateGroup(s: GroupState, c: UpdateGroup): Decided[] {
  const role = memberOf(s.group, s.actorRole);
  notDirect(s.group!, 'has no settings');
  const settingsOnly =
    c.name === undefined &&
    c.description === undefined &&
    c.interests === undefined &&
    c.visibility === undefined &&
    c.broadcastMinRole === undefined &&
    c.retentionDays === undefined;
  if (settingsOnly ? !permissions.setSlowMode(role) : !permissions.editGroup(role))
    throw forbidden(settingsOnly ? 'only moderators and above set slow mode' : 'only owners and admins edit the group');
  if (c.visibility === 'public' && s.group!.visibility === 'private' && !permissions.makePublic(role))
    throw forbidden('only owners make a private group public');
  return [
    {
      type: 'GroupUpdated',
      groupId: c.groupId,
      name: c.name ?? null,
      description: c.description ?? null,
      interests: c.interests ?? null,
      visibility: c.visibility ?? null,
      slowModeSeconds: c.slowModeSeconds ?? null,
      broadcastMinRole: c.broadcastMinRole ?? null,
      // In the event, null means unchanged, so "keep forever" travels as 0.
      retentionDays: c.retentionDays === undefined ? null : (c.retentionDays ?? 0),
    },
  ];
}

export function decideDeleteGroup(s: GroupState, c: { groupId: string }): Decided[] {
  const role = memberOf(s.group, s.actorRole);
  notDirect(s.group!, 'is not deleted; leave it instead');
  if (!permissions.deleteGroup(role)) throw forbidden('only owners delete the group');
  return [{ type: 'GroupDeleted', groupId: c.groupId }];
}

/** Public groups are open; a private one is joined only with a pending invite and stays 404 otherwise. */
export function decideJoin(s: GroupState, c: { groupId: string; userId: string }): Decided[] {
  const banned = s.actorBannedUntil !== undefined;
  visibleGroup(s.group, s.actorRole, s.actorInvited && !banned);
  if (s.actorRole) throw conflict('already a member of this group', 'already_member');
  if (banned) throw bannedError(s.actorBannedUntil!);
  return [{ type: 'MemberJoined', groupId: c.groupId, userId: c.userId, role: 'member', via: s.actorInvited ? 'invite' : 'public', inviteCode: null }];
}

export function decideInvite(s: GroupState, c: { groupId: string; actorId: string; userId: string; expiresAt?: number | null }): Decided[] {
  const role = memberOf(s.group, s.actorRole);
  notDirect(s.group!, 'keeps the people it was opened with; open a new one (POST /dms) to add someone');
  if (s.group!.visibility === 'public') throw conflict('anyone can join a public group; invites are for private groups', 'group_is_public');
  if (!permissions.invite(role)) throw forbidden('only moderators and above invite');
  if (!s.targetRegistered) throw invalid([{ field: 'userId', message: 'no such user' }]);
  if (s.targetRole) throw conflict('already a member of this group', 'already_member');
  if (s.targetInvited) throw conflict('already invited to this group', 'already_invited');
  if (s.targetBanned) throw conflict('is banned from this group; lift the ban first', 'banned');
  if (s.targetBlocksActor) throw notReachable();
  return [{ type: 'MemberInvited', groupId: c.groupId, userId: c.userId, invitedBy: c.actorId, expiresAt: c.expiresAt ?? null }];
}

/** Moderators and above withdraw a pending invite. */
export function decideRevokeInvite(s: GroupState, c: { groupId: string; actorId: string; userId: string }): Decided[] {
  const role = memberOf(s.group, s.actorRole);
  notDirect(s.group!, 'has no invites to withdraw');
  if (!permissions.invite(role)) throw forbidden('only moderators and above revoke invites');
  if (!s.targetInvited) throw notFound('invite');
  return [{ type: 'InviteRevoked', groupId: c.groupId, userId: c.userId, revokedBy: c.actorId }];
}

/** The last owner must hand ownership over (PUT …/role) before leaving. Leaving with an invite declines it. */
export function decideLeave(s: GroupState, c: { groupId: string; userId: string }): Decided[] {
  visibleGroup(s.group, s.actorRole, s.actorInvited);
  if (!s.actorRole && s.actorInvited) return [{ type: 'MemberLeft', groupId: c.groupId, userId: c.userId }];
  if (!s.actorRole) throw conflict('not a member of this group', 'not_a_member');
  if (s.actorRole === 'owner' && (s.owners ?? 0) <= 1) throw conflict('the last owner cannot leave; make another member owner first', 'last_owner');
  return [{ type: 'MemberLeft', groupId: c.groupId, userId: c.userId }];
}

/** Moderators and above remove members of strictly lower rank. */
export function decideRemoveMember(s: GroupState, c: { groupId: string; actorId: string; userId: string }): Decided[] {
  const role = memberOf(s.group, s.actorRole);
  notDirect(s.group!, 'has no moderators: everyone may leave it');
  if (!permissions.remove(role, 'member')) throw forbidden('only moderators and above remove members');
  if (!s.targetRole) throw notFound('member');
  if (c.userId === c.actorId) throw forbidden('to leave the group, use POST /groups/{id}/leave');
  if (!permissions.remove(role, s.targetRole)) throw forbidden('only members of a lower role can be removed');
  return [{ type: 'MemberRemoved', groupId: c.groupId, userId: c.userId, removedBy: c.actorId }];
}

/**
 * Owners set any role, including making another member owner (the handover); admins move
 * members and moderators between member and moderator. The last owner is never demoted.
 */
export function decideChangeRole(s: GroupState, c: { groupId: string; actorId: string; userId: string; role: Role }): Decided[] {
  const role = memberOf(s.group, s.actorRole);
  notDirect(s.group!, 'has no roles');
  if (!permissions.changeRole(role, 'member')) throw forbidden('only owners and admins change roles');
  if (!s.targetRole) throw notFound('member');
  if (!permissions.changeRole(role, s.targetRole, c.role)) throw forbidden('admins change roles only below admin');
  if (s.targetRole === c.role) throw conflict(`already ${c.role}`, 'role_unchanged');
  if (s.targetRole === 'owner' && (s.owners ?? 0) <= 1) throw conflict('the last owner cannot be demoted; make another member owner first', 'last_owner');
  return [{ type: 'MemberRoleChanged', groupId: c.groupId, userId: c.userId, role: c.role, changedBy: c.actorId }];
}

/** Direct conversations (docs/direct-messages.md) are between equals, with no settings and no moderation. */
function notDirect(group: GroupFacts, why: string): void {
  if (group.kind === 'direct') throw forbidden(`a direct conversation ${why}`, 'direct_conversation');
}
