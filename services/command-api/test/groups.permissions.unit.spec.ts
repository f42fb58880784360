import { describe, expect, it } from 'vitest';
import type { Role } from '@groupchat/schemas';
import { can } from '../../../web/src/lib/roles';
import type { Decided } from '../src/http/envelope';
import { decideChangeRole, decideDeleteGroup, decideInvite, decideRemoveMember, decideUpdateGroup, type GroupState } from '../src/groups/decide';
import type { GroupFacts } from '../src/groups/roles';
import { decideDelete, decidePin, decideSend } from '../src/messages/decide';
import { decideBan, decideTimeout } from '../src/moderation/decide';

// The web offers an action exactly when the server's deciders accept it: for every actor role
// (and non-member) × target role × action, the web's `can` and the decision must agree.
const ACTORS: (Role | null)[] = ['owner', 'admin', 'moderator', 'member', null];
const TARGETS: Role[] = ['owner', 'admin', 'moderator', 'member'];
const pub: GroupFacts = { groupId: 'g1', visibility: 'public', slowModeSeconds: 0, deleted: false, kind: 'group', broadcastMinRole: 'moderator' };
const priv: GroupFacts = { ...pub, visibility: 'private' };
const direct: GroupFacts = { ...priv, kind: 'direct' };
const other = { messageId: 'm', groupId: 'g1', senderId: 'other', deleted: false, threadId: null };

const accepts = (decide: () => Decided[]) => {
  try {
    decide();
    return true;
  } catch {
    return false;
  }
};
const state = (actorRole: Role | null, group: GroupFacts, more: Partial<GroupState> = {}): GroupState => ({ group, actorRole, owners: 2, ...more });

interface Row {
  action: string;
  actor: Role | null;
  target?: Role;
  to?: Role;
  web: boolean;
  server: boolean;
}

function table(): Row[] {
  const rows: Row[] = [];
  for (const actor of ACTORS) {
    for (const group of [pub, priv]) {
      const where = group.visibility;
      rows.push(
        {
          action: `rename (${where})`,
          actor,
          web: can.editGroup(actor),
          server: accepts(() => decideUpdateGroup(state(actor, group), { groupId: 'g1', name: 'n' })),
        },
        {
          action: `set slow mode (${where})`,
          actor,
          web: can.setSlowMode(actor),
          server: accepts(() => decideUpdateGroup(state(actor, group), { groupId: 'g1', slowModeSeconds: 5 })),
        },
        {
          action: `delete group (${where})`,
          actor,
          web: can.deleteGroup(actor),
          server: accepts(() => decideDeleteGroup(state(actor, group), { groupId: 'g1' })),
        },
      );
    }
    rows.push(
      {
        action: 'make private',
        actor,
        web: can.editGroup(actor),
        server: accepts(() => decideUpdateGroup(state(actor, pub), { groupId: 'g1', visibility: 'private' })),
      },
      {
        action: 'make public',
        actor,
        web: can.editGroup(actor) && can.makePublic(actor),
        server: accepts(() => decideUpdateGroup(state(actor, priv), { groupId: 'g1', visibility: 'public' })),
      },
      {
        action: 'invite',
        actor,
        web: can.invite(actor),
        server: accepts(() => decideInvite(state(actor, priv, { targetRegistered: true }), { groupId: 'g1', actorId: 'a', userId: 't' })),
      },
      {
        action: 'skip slow mode',
        actor,
        web: can.moderate(actor),
        server: accepts(() =>
          decideSend(
            { group: { ...pub, slowModeSeconds: 60 }, senderRole: actor, lastSentAt: 0, now: 1000, roleOf: () => 'member' },
            { groupId: 'g1', senderId: 'a', clientMessageId: 'c', messageId: 'm', text: 't', attachments: [] },
          ),
        ),
      },
      {
        action: "delete another's message",
        actor,
        web: can.moderate(actor),
        server: accepts(() => decideDelete({ group: pub, actorRole: actor, message: other }, { groupId: 'g1', messageId: 'm', actorId: 'a' })),
      },
      ...(['group', 'direct'] as const).map((kind) => ({
        action: `pin (${kind})`,
        actor,
        web: can.pin(actor, kind),
        server: accepts(() =>
          decidePin({ group: kind === 'direct' ? direct : pub, actorRole: actor, message: other }, { groupId: 'g1', messageId: 'm', actorId: 'a', pin: true }),
        ),
      })),
      ...(['member', 'moderator', 'admin', 'owner'] as const).map((minRole) => ({
        action: `@everyone (from ${minRole})`,
        actor,
        web: can.broadcast(actor, minRole),
        server: accepts(() =>
          decideSend(
            { group: { ...pub, broadcastMinRole: minRole }, senderRole: actor, lastSentAt: null, now: 1000, roleOf: () => 'member' },
            { groupId: 'g1', senderId: 'a', clientMessageId: 'c', messageId: 'm', text: 'hello @everyone', attachments: [] },
          ),
        ),
      })),
    );
    for (const target of TARGETS) {
      rows.push({
        action: 'remove',
        actor,
        target,
        web: can.remove(actor, target),
        server: accepts(() => decideRemoveMember(state(actor, pub, { targetRole: target }), { groupId: 'g1', actorId: 'a', userId: 't' })),
      });
      const now = 1_000_000;
      rows.push(
        {
          action: 'ban',
          actor,
          target,
          web: can.ban(actor, target),
          server: accepts(() =>
            decideBan(state(actor, pub, { targetRole: target, targetRegistered: true }), {
              groupId: 'g1',
              actorId: 'a',
              userId: 't',
              reason: null,
              until: null,
              deleteMessagesSince: null,
              now,
            }),
          ),
        },
        {
          action: 'timeout',
          actor,
          target,
          web: can.timeout(actor, target),
          server: accepts(() =>
            decideTimeout(state(actor, pub, { targetRole: target }), { groupId: 'g1', actorId: 'a', userId: 't', until: now + 60_000, reason: null, now }),
          ),
        },
      );
      for (const to of TARGETS.filter((r) => r !== target)) {
        rows.push({
          action: 'change role',
          actor,
          target,
          to,
          web: can.changeRole(actor, target) && can.assignable(actor).includes(to),
          server: accepts(() => decideChangeRole(state(actor, pub, { targetRole: target }), { groupId: 'g1', actorId: 'a', userId: 't', role: to })),
        });
      }
    }
  }
  return rows;
}

describe("the web's permission table against the server's deciders", () => {
  it('when every actor role × target role × action is decided, then the web offers exactly what the server accepts', () => {
    const rows = table();
    expect(rows.length).toBeGreaterThan(100);
    expect(rows.filter((r) => r.web !== r.server)).toEqual([]);
  });
  it('then only the owner deletes a group or makes a private group public', () => {
    const allowed = (action: string) =>
      table()
        .filter((r) => r.action === action && r.server)
        .map((r) => r.actor);
    expect(allowed('delete group (private)')).toEqual(['owner']);
    expect(allowed('make public')).toEqual(['owner']);
    expect(allowed('make private')).toEqual(['owner', 'admin']);
  });
});
