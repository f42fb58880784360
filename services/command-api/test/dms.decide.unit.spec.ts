import { describe, expect, it } from 'vitest';
import { decideOpenDm, type DmState, type OpenDm } from '../src/dms/decide';
import {
  decideChangeRole,
  decideDeleteGroup,
  decideInvite,
  decideJoin,
  decideLeave,
  decideRemoveMember,
  decideUpdateGroup,
  type GroupState,
} from '../src/groups/decide';
import type { GroupFacts } from '../src/groups/roles';
import type { Decided } from '../src/http/envelope';
import { given } from './support/decider';

const dm: GroupFacts = { groupId: 'd1', visibility: 'private', slowModeSeconds: 0, deleted: false, kind: 'direct', broadcastMinRole: 'owner' };
const set = (...ids: string[]) => new Set(ids);
/** No conversation yet; bob and carol are registered, bob shares a group with the caller. */
const fresh = (more: Partial<DmState> = {}): DmState => ({
  group: null,
  members: set(),
  invited: set(),
  registered: set('bob', 'carol'),
  sharing: set('bob'),
  ...more,
});
const open = (others: string[], request = false): OpenDm => ({ groupId: 'd1', actorId: 'ann', others, request });
const created: Decided = {
  type: 'GroupCreated',
  groupId: 'd1',
  name: '',
  description: '',
  interests: [],
  visibility: 'private',
  ownerId: 'ann',
  slowModeSeconds: 0,
  kind: 'direct',
  broadcastMinRole: 'owner',
};
const joined = (userId: string): Decided => ({ type: 'MemberJoined', groupId: 'd1', userId, role: 'member', via: 'create', inviteCode: null });
const invited = (userId: string): Decided => ({ type: 'MemberInvited', groupId: 'd1', userId, invitedBy: 'ann', expiresAt: null });

describe('opening a direct conversation', () => {
  it('given someone who shares a group, then a private group of kind direct with both as plain members', () => {
    given(fresh())
      .when(decideOpenDm, open(['bob']))
      .then([created, joined('ann'), joined('bob')]);
  });
  it('given a stranger and no request, then 403 dm_request_required naming them', () => {
    const error = given(fresh())
      .when(decideOpenDm, open(['bob', 'carol']))
      .thenFails(403, 'dm_request_required');
    expect(error.extra).toEqual({ userIds: ['carol'] });
  });
  it('given a stranger and a request, then the stranger is invited and the others join', () => {
    given(fresh())
      .when(decideOpenDm, open(['bob', 'carol'], true))
      .then([created, joined('ann'), joined('bob'), invited('carol')]);
  });
  it('given the conversation exists with everyone in it, then nothing is appended', () => {
    given(fresh({ group: dm, members: set('ann', 'bob') }))
      .when(decideOpenDm, open(['bob']))
      .then([]);
  });
  it('given a pending request, then asking again appends nothing and needs no request flag', () => {
    given(fresh({ group: dm, members: set('ann'), invited: set('carol') }))
      .when(decideOpenDm, open(['carol']))
      .then([]);
  });
  it('given someone who left, then they are added back (a stranger by now is asked again)', () => {
    given(fresh({ group: dm, members: set('ann') }))
      .when(decideOpenDm, open(['bob']))
      .then([joined('bob')]);
    given(fresh({ group: dm, members: set('bob') }))
      .when(decideOpenDm, open(['bob']))
      .then([joined('ann')]);
  });
  it('given more than 10 people in all, or nobody else, then 422', () => {
    const nine = Array.from({ length: 9 }, (_, i) => `u${i}`);
    const everyone = fresh({ registered: set(...nine, 'x'), sharing: set(...nine, 'x') });
    given(everyone)
      .when(decideOpenDm, open(nine))
      .then([created, joined('ann'), ...nine.map(joined)]);
    given(everyone)
      .when(decideOpenDm, open([...nine, 'x']))
      .thenFails(422, 'validation_failed');
    given(fresh()).when(decideOpenDm, open([])).thenFails(422, 'validation_failed');
  });
  it('given an unknown user, then 422', () => {
    given(fresh())
      .when(decideOpenDm, open(['bob', 'ghost']))
      .thenFails(422, 'validation_failed');
  });
  it('given the id of a group that is not direct, then 409', () => {
    given(fresh({ group: { ...dm, kind: 'group' } }))
      .when(decideOpenDm, open(['bob']))
      .thenFails(409, 'not_direct');
  });
});

describe('inside a direct conversation', () => {
  const member: GroupState = { group: dm, actorRole: 'member' };
  it('an invitee accepts by joining and declines by leaving', () => {
    given({ group: dm, actorRole: null, actorInvited: true })
      .when(decideJoin, { groupId: 'd1', userId: 'carol' })
      .then([{ type: 'MemberJoined', groupId: 'd1', userId: 'carol', role: 'member', via: 'invite', inviteCode: null }]);
    given({ group: dm, actorRole: null, actorInvited: true })
      .when(decideLeave, { groupId: 'd1', userId: 'carol' })
      .then([{ type: 'MemberLeft', groupId: 'd1', userId: 'carol' }]);
  });
  it('a member leaves; an outsider learns nothing (404)', () => {
    given(member)
      .when(decideLeave, { groupId: 'd1', userId: 'ann' })
      .then([{ type: 'MemberLeft', groupId: 'd1', userId: 'ann' }]);
    given({ group: dm, actorRole: null }).when(decideJoin, { groupId: 'd1', userId: 'eve' }).thenFails(404, 'not_found');
  });
  it('nothing is renamed, set, deleted, invited to, moderated or promoted: 403 direct_conversation', () => {
    given(member).when(decideUpdateGroup, { groupId: 'd1', name: 'Ours' }).thenFails(403, 'direct_conversation');
    given(member).when(decideUpdateGroup, { groupId: 'd1', slowModeSeconds: 5 }).thenFails(403, 'direct_conversation');
    given({ ...member, targetRegistered: true, targetRole: null })
      .when(decideInvite, { groupId: 'd1', actorId: 'ann', userId: 'dan' })
      .thenFails(403, 'direct_conversation');
    given<GroupState>({ ...member, targetRole: 'member' })
      .when(decideRemoveMember, { groupId: 'd1', actorId: 'ann', userId: 'bob' })
      .thenFails(403, 'direct_conversation');
    given<GroupState>({ ...member, targetRole: 'member', owners: 0 })
      .when(decideChangeRole, { groupId: 'd1', actorId: 'ann', userId: 'bob', role: 'owner' })
      .thenFails(403, 'direct_conversation');
    given({ group: dm, actorRole: 'owner' as const })
      .when(decideDeleteGroup, { groupId: 'd1' })
      .thenFails(403, 'direct_conversation');
  });
});
