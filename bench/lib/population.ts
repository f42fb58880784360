import { randomUUID } from 'node:crypto';
import type { DomainEvent, EventOf } from '@groupchat/schemas';
import type { EventLog } from '@groupchat/shared';

export interface User {
  id: string;
  username: string;
}

export interface Group {
  id: string;
  /** members[0] owns the group. */
  members: User[];
}

/** Someone in many groups: whose searches cover many groups' messages. */
export interface Searcher {
  user: User;
  groupIds: string[];
}

export interface Population {
  users: User[];
  groups: Group[];
  searchers: Searcher[];
}

/** A (group, member) pair: who may post where. */
export interface Poster {
  groupId: string;
  userId: string;
  username: string;
}

export const GROUP_SIZE = 20;

type Envelope = Pick<DomainEvent, 'eventId' | 'occurredAt' | 'actorId' | 'correlationId' | 'causationId'>;

export function envelope(actorId: string | null, occurredAt = Date.now()): Envelope {
  return { eventId: randomUUID(), occurredAt, actorId, correlationId: randomUUID(), causationId: null };
}

/**
 * Users in groups of GROUP_SIZE (one socket per user later), plus a few searchers who belong
 * to many groups. Written as events straight to the log: the measured paths come later.
 */
export async function createPopulation(
  log: EventLog,
  { users: userCount, searchers: searcherCount, groupsPerSearcher }: { users: number; searchers: number; groupsPerSearcher: number },
): Promise<Population> {
  const groupCount = Math.ceil(userCount / GROUP_SIZE);
  const users: User[] = Array.from({ length: groupCount * GROUP_SIZE }, (_, i) => ({ id: randomUUID(), username: `bench${i}` }));
  const groups: Group[] = Array.from({ length: groupCount }, (_, g) => ({ id: randomUUID(), members: users.slice(g * GROUP_SIZE, (g + 1) * GROUP_SIZE) }));
  const searchers: Searcher[] = Array.from({ length: searcherCount }, (_, s) => ({
    user: { id: randomUUID(), username: `benchsearch${s}` },
    groupIds: Array.from({ length: Math.min(groupsPerSearcher, groupCount) }, (_, k) => groups[(s * 37 + k * 7) % groupCount]!.id).filter(
      (id, i, all) => all.indexOf(id) === i,
    ),
  }));

  const registered = [...users, ...searchers.map((s) => s.user)].map((u): { event: EventOf<'UserRegistered'>; key: string } => ({
    key: u.id,
    event: {
      type: 'UserRegistered',
      ...envelope(u.id),
      userId: u.id,
      username: u.username,
      email: `${u.username}@bench.invalid`,
      displayName: `Bench ${u.username}`,
      interests: ['benchmarks'],
    },
  }));
  await appendInChunks(log, registered);

  const groupEvents: { event: DomainEvent; key: string }[] = [];
  for (const [g, group] of groups.entries()) {
    const owner = group.members[0]!;
    groupEvents.push({
      key: group.id,
      event: {
        type: 'GroupCreated',
        ...envelope(owner.id),
        groupId: group.id,
        name: `Bench group ${g}`,
        description: 'a group of the benchmark population',
        interests: ['benchmarks'],
        visibility: 'public',
        ownerId: owner.id,
        slowModeSeconds: 0,
        kind: 'group',
        broadcastMinRole: 'moderator',
      },
    });
    for (const [i, m] of group.members.entries()) {
      groupEvents.push({
        key: group.id,
        event: {
          type: 'MemberJoined',
          ...envelope(m.id),
          groupId: group.id,
          userId: m.id,
          role: i === 0 ? 'owner' : 'member',
          via: i === 0 ? 'create' : 'public',
          inviteCode: null,
        },
      });
    }
  }
  for (const s of searchers) {
    for (const groupId of s.groupIds)
      groupEvents.push({
        key: groupId,
        event: { type: 'MemberJoined', ...envelope(s.user.id), groupId, userId: s.user.id, role: 'member', via: 'public', inviteCode: null },
      });
  }
  await appendInChunks(log, groupEvents);
  return { users, groups, searchers };
}

export async function appendInChunks(log: EventLog, items: { event: DomainEvent; key: string }[], chunk = 20_000): Promise<void> {
  for (let i = 0; i < items.length; i += chunk) await log.appendMany(items.slice(i, i + chunk));
}

/** Every member of the given groups as a poster. */
export function postersOf(groups: Group[]): Poster[] {
  return groups.flatMap((g) => g.members.map((m) => ({ groupId: g.id, userId: m.id, username: m.username })));
}

/** One socket client per member of the first `sockets / GROUP_SIZE` groups. */
export function clientsFor(pop: Population, sockets: number): { groups: Group[]; clients: Poster[] } {
  const groups = pop.groups.slice(0, Math.ceil(sockets / GROUP_SIZE));
  if (groups.length * GROUP_SIZE < sockets) throw new Error(`the population has room for ${pop.groups.length * GROUP_SIZE} sockets, not ${sockets}`);
  return { groups, clients: postersOf(groups).slice(0, sockets) };
}

/** A plain message's reply, thread, mention and preview fields: none of them. */
export const NO_THREAD = { replyTo: null, threadId: null, mentions: [] as string[], broadcast: null, linkPreview: null } as const;
