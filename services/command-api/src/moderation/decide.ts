import { permissions } from '@groupchat/schemas/permissions';
import { AppError, conflict, forbidden, invalid, notFound } from '@groupchat/shared';
import type { Decided } from '../http/envelope';
import type { GroupState } from '../groups/decide';
import { memberOf, type GroupFacts } from '../groups/roles';

/** The longest timeout: past it, a ban says what is meant. */
export const MAX_TIMEOUT_MS = 28 * 24 * 3600_000;
/** How far back a ban may delete the banned user's messages. */
export const MAX_DELETE_BACK_MS = 7 * 24 * 3600_000;

export interface Ban {
  groupId: string;
  actorId: string;
  userId: string;
  reason: string | null;
  until: number | null;
  deleteMessagesSince: number | null;
  now: number;
}

export const bannedError = (until: number | null) =>
  new AppError(403, 'banned', until === null ? 'you are banned from this group' : `you are banned from this group until ${new Date(until).toISOString()}`, {
    until: until === null ? null : new Date(until).toISOString(),
  });

export const timedOutError = (until: number) =>
  new AppError(403, 'timed_out', `you cannot post or react in this group until ${new Date(until).toISOString()}`, { until: new Date(until).toISOString() });

function moderated(s: GroupState, what: string) {
  const role = memberOf(s.group, s.actorRole);
  notDirect(s.group!, what);
  return role;
}

/**
 * A moderator bans someone of a lower role (anyone not a member is lower): a member's
 * membership ends first (MemberRemoved, so every reader of membership ends follows), then the
 * ban is recorded; banning again replaces the ban's end and reason.
 */
export function decideBan(s: GroupState, c: Ban): Decided[] {
  const role = moderated(s, 'has no moderators: block the person instead');
  if (!permissions.ban(role, 'member')) throw forbidden('only moderators and above ban');
  if (c.userId === c.actorId) throw forbidden('you cannot ban yourself; leave the group instead');
  if (!s.targetRegistered) throw invalid([{ field: 'userId', message: 'no such user' }]);
  if (!permissions.ban(role, s.targetRole ?? null)) throw forbidden('only people of a lower role can be banned');
  if (c.until !== null && c.until <= c.now) throw invalid([{ field: 'until', message: 'must be in the future (leave it out for a permanent ban)' }]);
  if (c.deleteMessagesSince !== null && (c.deleteMessagesSince < c.now - MAX_DELETE_BACK_MS || c.deleteMessagesSince > c.now))
    throw invalid([{ field: 'deleteMessagesSince', message: 'must be within the last 7 days' }]);
  const ban: Decided = {
    type: 'MemberBanned',
    groupId: c.groupId,
    userId: c.userId,
    bannedBy: c.actorId,
    reason: c.reason,
    until: c.until,
    deleteMessagesSince: c.deleteMessagesSince,
  };
  return s.targetRole ? [{ type: 'MemberRemoved', groupId: c.groupId, userId: c.userId, removedBy: c.actorId }, ban] : [ban];
}

export function decideUnban(s: GroupState, c: { groupId: string; actorId: string; userId: string }): Decided[] {
  const role = moderated(s, 'has no bans');
  if (!permissions.ban(role, null)) throw forbidden('only moderators and above lift bans');
  if (!s.targetBanned) throw notFound('ban');
  return [{ type: 'MemberUnbanned', groupId: c.groupId, userId: c.userId, unbannedBy: c.actorId }];
}

/** A timeout keeps a member of a lower role from posting and reacting until `until`; a time already past lifts it. */
export function decideTimeout(
  s: GroupState,
  c: { groupId: string; actorId: string; userId: string; until: number; reason: string | null; now: number },
): Decided[] {
  const role = moderated(s, 'has no moderators: block the person instead');
  if (!permissions.timeout(role, 'member')) throw forbidden('only moderators and above time members out');
  if (c.userId === c.actorId) throw forbidden('you cannot time yourself out');
  if (!s.targetRole) throw notFound('member');
  if (!permissions.timeout(role, s.targetRole)) throw forbidden('only members of a lower role can be timed out');
  if (c.until > c.now + MAX_TIMEOUT_MS) throw invalid([{ field: 'until', message: 'a timeout lasts 28 days at most; ban instead' }]);
  if (c.until <= c.now && !s.targetTimedOut) throw conflict('not timed out', 'not_timed_out');
  return [{ type: 'MemberTimedOut', groupId: c.groupId, userId: c.userId, timedOutBy: c.actorId, until: c.until, reason: c.reason }];
}

function notDirect(group: GroupFacts, why: string): void {
  if (group.kind === 'direct') throw forbidden(`a direct conversation ${why}`, 'direct_conversation');
}
