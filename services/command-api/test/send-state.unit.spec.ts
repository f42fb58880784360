import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '@groupchat/schemas';
import { GroupsFold } from '@groupchat/shared';
import { groupAndRole } from '../src/groups/state';
import { SlowModeClock } from '../src/messages/slow-mode';

const envelope = { eventId: 'e', occurredAt: 1, actorId: 'u1', correlationId: 'c', causationId: null };
const created = {
  ...envelope,
  type: 'GroupCreated',
  groupId: 'g1',
  name: 'G',
  description: '',
  interests: [],
  visibility: 'public',
  ownerId: 'u1',
  slowModeSeconds: 0,
  kind: 'group',
  broadcastMinRole: 'moderator',
} as const;
const joined = (userId: string, role = 'member') => ({ ...envelope, type: 'MemberJoined', groupId: 'g1', userId, role, via: 'public' }) as DomainEvent;
const foldOf = (events: object[]) => {
  const fold = new GroupsFold();
  for (const e of events) fold.apply(e as DomainEvent);
  return fold;
};

describe('the groups fold a send is decided on', () => {
  it('given a created group and a join, then the group and the member’s role', () => {
    expect(groupAndRole(foldOf([created, joined('u1', 'owner'), joined('u2')]), 'g1', 'u2')).toEqual({
      group: { groupId: 'g1', visibility: 'public', slowModeSeconds: 0, deleted: false, kind: 'group', broadcastMinRole: 'moderator' },
      role: 'member',
    });
  });
  it('given a repeated creation or join, then the first one counts, as in the groups projection', () => {
    const fold = foldOf([created, { ...created, visibility: 'private' }, joined('u2'), joined('u2', 'admin')]);
    expect(groupAndRole(fold, 'g1', 'u2')).toMatchObject({ group: { visibility: 'public' }, role: 'member' });
  });
  it('given an update with only slow mode, then visibility stays and slow mode changes', () => {
    const fold = foldOf([
      created,
      { ...envelope, type: 'GroupUpdated', groupId: 'g1', name: null, description: null, interests: null, visibility: null, slowModeSeconds: 30 },
    ]);
    expect(fold.group('g1')).toMatchObject({ visibility: 'public', slowModeSeconds: 30 });
  });
  it('given a removal, a departure or a deletion, then no role, or a deleted group', () => {
    const fold = foldOf([
      created,
      joined('u2'),
      joined('u3'),
      { ...envelope, type: 'MemberRemoved', groupId: 'g1', userId: 'u2', removedBy: 'u1' },
      { ...envelope, type: 'MemberLeft', groupId: 'g1', userId: 'u3' },
    ]);
    expect([fold.roleOf('g1', 'u2'), fold.roleOf('g1', 'u3')]).toEqual([null, null]);
    expect(foldOf([created, { ...envelope, type: 'GroupDeleted', groupId: 'g1' }]).group('g1')?.deleted).toBe(true);
  });
  it('given a role change of a non-member, then nothing; of a member, then the new role', () => {
    const change = (userId: string) => ({ ...envelope, type: 'MemberRoleChanged', groupId: 'g1', userId, role: 'moderator', changedBy: 'u1' });
    const fold = foldOf([created, joined('u2'), change('u2'), change('u9')]);
    expect([fold.roleOf('g1', 'u2'), fold.roleOf('g1', 'u9')]).toEqual(['moderator', null]);
  });
  it('given nothing about a group, then no group and no role', () => {
    expect(groupAndRole(new GroupsFold(), 'g1', 'u1')).toEqual({ group: null, role: null });
  });
});

describe('the slow-mode clock', () => {
  it('answers when the sender’s previous message was accepted, not counting an earlier attempt of the same one', () => {
    const clock = new SlowModeClock();
    expect(clock.lastSentAt('g1', 'u1', 'a')).toBeNull();
    clock.accept('g1', 'u1', 'a', 1000);
    expect(clock.lastSentAt('g1', 'u1', 'b')).toBe(1000);
    expect(clock.lastSentAt('g1', 'u1', 'a')).toBeNull();
    expect(clock.lastSentAt('g1', 'u2', 'b')).toBeNull();
  });
  it('forgets a message whose append failed, back to the one before it', () => {
    const clock = new SlowModeClock();
    clock.accept('g1', 'u1', 'a', 1000);
    const takeBack = clock.accept('g1', 'u1', 'b', 2000);
    takeBack();
    expect(clock.lastSentAt('g1', 'u1', 'c')).toBe(1000);
    const first = new SlowModeClock();
    first.accept('g1', 'u1', 'a', 1000)();
    expect(first.lastSentAt('g1', 'u1', 'c')).toBeNull();
  });
});
