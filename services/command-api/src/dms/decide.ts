import { AppError, conflict, invalid } from '@groupchat/shared';
import type { Decided } from '../http/envelope';
import type { GroupFacts } from '../groups/roles';

/** Everyone in a direct conversation, the caller included. */
export const DM_MIN_PEOPLE = 2;
export const DM_MAX_PEOPLE = 10;

export interface DmState {
  /** The conversation of exactly these people, if it was ever opened. */
  group: GroupFacts | null;
  members: ReadonlySet<string>;
  invited: ReadonlySet<string>;
  /** Which of the others are registered accounts. */
  registered: ReadonlySet<string>;
  /** Which of the others already share a group (any kind) with the caller as members. */
  sharing: ReadonlySet<string>;
  /** Which of the others have blocked the caller. */
  blockedBy?: ReadonlySet<string>;
}

/** The refusal of someone blocked: the same words whoever blocked, so nobody learns who did. */
export const notReachable = () => new AppError(403, 'not_reachable', 'you cannot start a conversation with or invite some of these people');

export interface OpenDm {
  groupId: string;
  actorId: string;
  /** The other people, without the caller and without repeats. */
  others: string[];
  /** Ask those who share no group with the caller, instead of being refused. */
  request: boolean;
}

/**
 * Opens the direct conversation of the caller and `others`, or completes the one that exists:
 * whoever is not in it yet joins when they share a group with the caller, and is asked
 * otherwise (with `request`). Nothing to change answers no events: the same conversation.
 */
export function decideOpenDm(s: DmState, c: OpenDm): Decided[] {
  const people = c.others.length + 1;
  if (people < DM_MIN_PEOPLE || people > DM_MAX_PEOPLE)
    throw invalid([{ field: 'userIds', message: `a direct conversation has ${DM_MIN_PEOPLE} to ${DM_MAX_PEOPLE} people, you included` }]);
  const unknown = c.others.filter((id) => !s.registered.has(id));
  if (unknown.length) throw invalid([{ field: 'userIds', message: `no such user: ${unknown.join(', ')}` }]);
  if (s.group && s.group.kind !== 'direct') throw conflict('that id names a group, not a direct conversation', 'not_direct');

  const missing = c.others.filter((id) => !s.members.has(id) && !s.invited.has(id));
  if (missing.some((id) => s.blockedBy?.has(id))) throw notReachable();
  const strangers = missing.filter((id) => !s.sharing.has(id));
  if (strangers.length && !c.request)
    throw new AppError(403, 'dm_request_required', 'you share no group with some of these people: send them a request (request: true) instead', {
      userIds: strangers,
    });

  const events: Decided[] = [];
  if (!s.group)
    events.push({
      type: 'GroupCreated',
      groupId: c.groupId,
      name: '',
      description: '',
      interests: [],
      visibility: 'private',
      ownerId: c.actorId,
      slowModeSeconds: 0,
      kind: 'direct',
      broadcastMinRole: 'owner',
    });
  if (!s.members.has(c.actorId)) events.push(joined(c.groupId, c.actorId));
  for (const id of missing)
    events.push(s.sharing.has(id) ? joined(c.groupId, id) : { type: 'MemberInvited', groupId: c.groupId, userId: id, invitedBy: c.actorId, expiresAt: null });
  return events;
}

/** Everyone in a direct conversation is a plain member: nobody holds a role above another. */
const joined = (groupId: string, userId: string): Decided => ({ type: 'MemberJoined', groupId, userId, role: 'member', via: 'create', inviteCode: null });
