import { describe, it } from 'vitest';
import type { Role } from '@groupchat/schemas';
import {
  decideChangeRole,
  decideCreateGroup,
  decideDeleteGroup,
  decideInvite,
  decideJoin,
  decideLeave,
  decideRemoveMember,
  decideUpdateGroup,
  type GroupState,
} from '../src/groups/decide';
import type { GroupFacts } from '../src/groups/roles';
import { given } from './support/decider';

const pub: GroupFacts = { groupId: 'g1', visibility: 'public', slowModeSeconds: 0, deleted: false, kind: 'group', broadcastMinRole: 'moderator' };
const priv: GroupFacts = { ...pub, visibility: 'private' };
const as = (actorRole: Role | null, more: Partial<GroupState> = {}, group: GroupFacts | null = pub): GroupState => ({ group, actorRole, ...more });

describe('creating a group', () => {
  it('when created, then GroupCreated and the creator joins as owner', () => {
    given(undefined)
      .when((_s, c: Parameters<typeof decideCreateGroup>[0]) => decideCreateGroup(c), {
        groupId: 'g1',
        ownerId: 'u1',
        name: 'Climbers',
        visibility: 'private',
        interests: ['climbing'],
      })
      .then([
        {
          type: 'GroupCreated',
          groupId: 'g1',
          name: 'Climbers',
          description: '',
          interests: ['climbing'],
          visibility: 'private',
          ownerId: 'u1',
          slowModeSeconds: 0,
          kind: 'group',
          broadcastMinRole: 'moderator',
        },
        { type: 'MemberJoined', groupId: 'g1', userId: 'u1', role: 'owner', via: 'create', inviteCode: null },
      ]);
  });
});

/** GroupUpdated naming only the fields given; every other field null (unchanged). */
const updated = (fields: object) => ({
  type: 'GroupUpdated' as const,
  groupId: 'g1',
  name: null,
  description: null,
  interests: null,
  visibility: null,
  slowModeSeconds: null,
  broadcastMinRole: null,
  retentionDays: null,
  ...fields,
});

describe('updating and deleting a group', () => {
  const rename = { groupId: 'g1', name: 'New name' };
  it('given an admin, when renaming, then GroupUpdated with only the name', () => {
    given(as('admin'))
      .when(decideUpdateGroup, rename)
      .then([updated({ name: 'New name' })]);
  });
  it('given a moderator, when renaming, then 403; when setting slow mode, then accepted', () => {
    given(as('moderator')).when(decideUpdateGroup, rename).thenFails(403, 'forbidden');
    given(as('moderator'))
      .when(decideUpdateGroup, { groupId: 'g1', slowModeSeconds: 30 })
      .then([updated({ slowModeSeconds: 30 })]);
  });
  it('given an admin, when setting retention, then accepted; keeping forever travels as 0; a moderator may not', () => {
    given(as('admin'))
      .when(decideUpdateGroup, { groupId: 'g1', retentionDays: 30 })
      .then([updated({ retentionDays: 30 })]);
    given(as('owner'))
      .when(decideUpdateGroup, { groupId: 'g1', retentionDays: null })
      .then([updated({ retentionDays: 0 })]);
    given(as('moderator')).when(decideUpdateGroup, { groupId: 'g1', retentionDays: 30 }).thenFails(403, 'forbidden');
  });
  it('given an admin, when setting who may mention @here and @everyone, then accepted; a moderator may not', () => {
    given(as('admin'))
      .when(decideUpdateGroup, { groupId: 'g1', broadcastMinRole: 'member' as const })
      .then([updated({ broadcastMinRole: 'member' })]);
    given(as('moderator'))
      .when(decideUpdateGroup, { groupId: 'g1', broadcastMinRole: 'member' as const })
      .thenFails(403, 'forbidden');
  });
  it('given a member, when setting slow mode, then 403', () => {
    given(as('member')).when(decideUpdateGroup, { groupId: 'g1', slowModeSeconds: 30 }).thenFails(403, 'forbidden');
  });
  it('given a non-member of a private group, then 404; of a public group, then 403', () => {
    given(as(null, {}, priv))
      .when(decideUpdateGroup, rename)
      .thenFails(404, 'not_found');
    given(as(null)).when(decideUpdateGroup, rename).thenFails(403, 'not_a_member');
  });
  it('given a deleted group, then 404', () => {
    given(as('owner', {}, { ...pub, deleted: true }))
      .when(decideDeleteGroup, { groupId: 'g1' })
      .thenFails(404, 'not_found');
  });
  it('given the owner, when deleting, then GroupDeleted; an admin or a moderator may not', () => {
    given(as('owner'))
      .when(decideDeleteGroup, { groupId: 'g1' })
      .then([{ type: 'GroupDeleted', groupId: 'g1' }]);
    given(as('admin')).when(decideDeleteGroup, { groupId: 'g1' }).thenFails(403, 'forbidden');
    given(as('moderator')).when(decideDeleteGroup, { groupId: 'g1' }).thenFails(403, 'forbidden');
  });
  it('given a private group, when the owner makes it public, then accepted; an admin may not, but may make a public one private', () => {
    const open = { groupId: 'g1', visibility: 'public' as const };
    given(as('owner', {}, priv))
      .when(decideUpdateGroup, open)
      .then([updated({ visibility: 'public' })]);
    given(as('admin', {}, priv))
      .when(decideUpdateGroup, open)
      .thenFails(403, 'forbidden');
    given(as('admin'))
      .when(decideUpdateGroup, { groupId: 'g1', visibility: 'private' })
      .then([updated({ visibility: 'private' })]);
  });
});

describe('joining', () => {
  const join = { groupId: 'g1', userId: 'u2' };
  it('given a public group, when a stranger joins, then MemberJoined via public', () => {
    given(as(null))
      .when(decideJoin, join)
      .then([{ type: 'MemberJoined', groupId: 'g1', userId: 'u2', role: 'member', via: 'public', inviteCode: null }]);
  });
  it('given a private group and an invite, when joining, then MemberJoined via invite', () => {
    given(as(null, { actorInvited: true }, priv))
      .when(decideJoin, join)
      .then([{ type: 'MemberJoined', groupId: 'g1', userId: 'u2', role: 'member', via: 'invite', inviteCode: null }]);
  });
  it('given a private group and no invite, then 404', () => {
    given(as(null, {}, priv))
      .when(decideJoin, join)
      .thenFails(404, 'not_found');
  });
  it('given a member, then 409 already_member', () => {
    given(as('member')).when(decideJoin, join).thenFails(409, 'already_member');
  });
  it('given no such group, then 404', () => {
    given(as(null, {}, null))
      .when(decideJoin, join)
      .thenFails(404, 'not_found');
  });
});

describe('inviting', () => {
  const invite = { groupId: 'g1', actorId: 'u1', userId: 'u3' };
  const ok = { targetRegistered: true, targetRole: null, targetInvited: false };
  it('given a moderator of a private group, when inviting a user, then MemberInvited', () => {
    given(as('moderator', ok, priv))
      .when(decideInvite, invite)
      .then([{ type: 'MemberInvited', groupId: 'g1', userId: 'u3', invitedBy: 'u1', expiresAt: null }]);
  });
  it('given a plain member, then 403', () => {
    given(as('member', ok, priv))
      .when(decideInvite, invite)
      .thenFails(403, 'forbidden');
  });
  it('given a public group, then 409 group_is_public', () => {
    given(as('owner', ok, pub))
      .when(decideInvite, invite)
      .thenFails(409, 'group_is_public');
  });
  it('given an unknown user, then 422; a member, then 409; an invited user, then 409', () => {
    given(as('owner', { ...ok, targetRegistered: false }, priv))
      .when(decideInvite, invite)
      .thenFails(422, 'validation_failed');
    given(as('owner', { ...ok, targetRole: 'member' }, priv))
      .when(decideInvite, invite)
      .thenFails(409, 'already_member');
    given(as('owner', { ...ok, targetInvited: true }, priv))
      .when(decideInvite, invite)
      .thenFails(409, 'already_invited');
  });
});

describe('leaving', () => {
  const leave = { groupId: 'g1', userId: 'u1' };
  it('given a member, when leaving, then MemberLeft', () => {
    given(as('member', { owners: 1 }))
      .when(decideLeave, leave)
      .then([{ type: 'MemberLeft', groupId: 'g1', userId: 'u1' }]);
  });
  it('given the only owner, then 409 last_owner; given a second owner, then MemberLeft', () => {
    given(as('owner', { owners: 1 }))
      .when(decideLeave, leave)
      .thenFails(409, 'last_owner');
    given(as('owner', { owners: 2 }))
      .when(decideLeave, leave)
      .then([{ type: 'MemberLeft', groupId: 'g1', userId: 'u1' }]);
  });
  it('given an invite to a private group, when leaving, then MemberLeft: the invite is declined', () => {
    given(as(null, { actorInvited: true }, priv))
      .when(decideLeave, leave)
      .then([{ type: 'MemberLeft', groupId: 'g1', userId: 'u1' }]);
  });
  it('given a non-member, then 409 for a public group and 404 for a private one', () => {
    given(as(null)).when(decideLeave, leave).thenFails(409, 'not_a_member');
    given(as(null, {}, priv))
      .when(decideLeave, leave)
      .thenFails(404, 'not_found');
  });
});

describe('removing a member', () => {
  const remove = { groupId: 'g1', actorId: 'u1', userId: 'u2' };
  it('given a moderator and a member, then MemberRemoved', () => {
    given(as('moderator', { targetRole: 'member' }))
      .when(decideRemoveMember, remove)
      .then([{ type: 'MemberRemoved', groupId: 'g1', userId: 'u2', removedBy: 'u1' }]);
  });
  it('only over strictly lower roles', () => {
    given(as('moderator', { targetRole: 'moderator' }))
      .when(decideRemoveMember, remove)
      .thenFails(403, 'forbidden');
    given(as('admin', { targetRole: 'owner' }))
      .when(decideRemoveMember, remove)
      .thenFails(403, 'forbidden');
    given(as('owner', { targetRole: 'admin' }))
      .when(decideRemoveMember, remove)
      .then([{ type: 'MemberRemoved', groupId: 'g1', userId: 'u2', removedBy: 'u1' }]);
  });
  it('given a plain member, then 403; given a target who is not a member, then 404', () => {
    given(as('member', { targetRole: 'member' }))
      .when(decideRemoveMember, remove)
      .thenFails(403, 'forbidden');
    given(as('owner', { targetRole: null }))
      .when(decideRemoveMember, remove)
      .thenFails(404, 'not_found');
  });
  it('nobody removes themselves', () => {
    given(as('owner', { targetRole: 'owner' }))
      .when(decideRemoveMember, { ...remove, userId: 'u1' })
      .thenFails(403, 'forbidden');
  });
});

describe('changing a role', () => {
  const change = (role: Role) => ({ groupId: 'g1', actorId: 'u1', userId: 'u2', role });
  it('given the owner, when making a member owner, then MemberRoleChanged (the handover)', () => {
    given(as('owner', { targetRole: 'member', owners: 1 }))
      .when(decideChangeRole, change('owner'))
      .then([{ type: 'MemberRoleChanged', groupId: 'g1', userId: 'u2', role: 'owner', changedBy: 'u1' }]);
  });
  it('given an admin, then roles only below admin', () => {
    given(as('admin', { targetRole: 'member' }))
      .when(decideChangeRole, change('moderator'))
      .then([{ type: 'MemberRoleChanged', groupId: 'g1', userId: 'u2', role: 'moderator', changedBy: 'u1' }]);
    given(as('admin', { targetRole: 'member' }))
      .when(decideChangeRole, change('admin'))
      .thenFails(403, 'forbidden');
    given(as('admin', { targetRole: 'admin' }))
      .when(decideChangeRole, change('member'))
      .thenFails(403, 'forbidden');
  });
  it('given a moderator, then 403', () => {
    given(as('moderator', { targetRole: 'member' }))
      .when(decideChangeRole, change('moderator'))
      .thenFails(403, 'forbidden');
  });
  it('given the last owner demoting themselves, then 409 last_owner; with two owners, accepted', () => {
    const self = { ...change('admin'), userId: 'u1' };
    given(as('owner', { targetRole: 'owner', owners: 1 }))
      .when(decideChangeRole, self)
      .thenFails(409, 'last_owner');
    given(as('owner', { targetRole: 'owner', owners: 2 }))
      .when(decideChangeRole, self)
      .then([{ type: 'MemberRoleChanged', groupId: 'g1', userId: 'u1', role: 'admin', changedBy: 'u1' }]);
  });
  it('given the same role, then 409 role_unchanged; given a non-member target, then 404', () => {
    given(as('owner', { targetRole: 'moderator', owners: 1 }))
      .when(decideChangeRole, change('moderator'))
      .thenFails(409, 'role_unchanged');
    given(as('owner', { targetRole: null, owners: 1 }))
      .when(decideChangeRole, change('moderator'))
      .thenFails(404, 'not_found');
  });
});
