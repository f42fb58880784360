import type { DomainEvent } from '@groupchat/schemas';
import { event, groupCreated, joined, reacted, sent } from './events';

/** A deterministic pseudo-random sequence (mulberry32), so a failing run can be replayed. */
function random(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Expected {
  memberCount: Map<string, number>;
  messages: Map<string, { text: string | null; deleted: boolean; edited: boolean }>;
  reactions: Set<string>;
  messageTopicEvents: number;
}

/**
 * Groups, joins and leaves, messages with edits and deletions, reactions added and removed;
 * with what the read models must say after all of it, computed the simple way.
 */
export function workload(opts: { groups: number; users: number; messages: number; seed?: number }): { events: DomainEvent[]; expected: Expected } {
  const rnd = random(opts.seed ?? 42);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const events: DomainEvent[] = [];
  const members = new Map<string, Set<string>>();
  const groupIds = Array.from({ length: opts.groups }, (_, i) => `g-${i}`);
  for (const g of groupIds) {
    events.push(groupCreated(g, 'owner'), joined(g, 'owner', 'owner'));
    members.set(g, new Set(['owner']));
  }
  for (let u = 0; u < opts.users; u++) {
    for (let k = 0; k < 3; k++) {
      const g = pick(groupIds);
      if (members.get(g)!.has(`u-${u}`)) continue;
      events.push(joined(g, `u-${u}`));
      members.get(g)!.add(`u-${u}`);
    }
  }
  const messages: Expected['messages'] = new Map();
  const sentIn = new Map<string, string>();
  const reactions = new Set<string>();
  // Beside the set, for a random pick in constant time: workloads run to 100,000 events.
  const reactionList: string[] = [];
  const ids: string[] = [];
  const membersOf = new Map([...members].map(([g, m]) => [g, [...m]]));
  let messageTopicEvents = 0;
  for (let i = 0; i < opts.messages; i++) {
    const roll = rnd();
    const g = pick(groupIds);
    const user = pick(membersOf.get(g)!);
    if (roll < 0.7 || ids.length < 10) {
      const id = `m-${i}`;
      events.push(sent(g, id, user, `message ${i} in ${g}`));
      messages.set(id, { text: `message ${i} in ${g}`, deleted: false, edited: false });
      sentIn.set(id, g);
      ids.push(id);
    } else if (roll < 0.75) {
      const id = pick(ids);
      const m = messages.get(id)!;
      if (m.deleted) continue;
      events.push(event('MessageEdited', { groupId: sentIn.get(id)!, messageId: id, text: `edited ${i}` }));
      Object.assign(m, { text: `edited ${i}`, edited: true });
    } else if (roll < 0.77) {
      const id = pick(ids);
      events.push(event('MessageDeleted', { groupId: sentIn.get(id)!, messageId: id }));
      Object.assign(messages.get(id)!, { text: null, deleted: true });
    } else if (roll < 0.95) {
      const id = pick(ids);
      const emoji = pick(['👍', '🎉', '❤️']);
      events.push(reacted(sentIn.get(id)!, id, user, emoji));
      const k = `${id}/${user}/${emoji}`;
      if (!reactions.has(k)) reactionList.push(k);
      reactions.add(k);
    } else {
      if (!reactionList.length) continue;
      const at = Math.floor(rnd() * reactionList.length);
      const k = reactionList[at]!;
      reactionList[at] = reactionList[reactionList.length - 1]!;
      reactionList.pop();
      const [id, who, emoji] = k.split('/') as [string, string, string];
      events.push(event('ReactionRemoved', { groupId: sentIn.get(id)!, messageId: id, userId: who, emoji }));
      reactions.delete(k);
    }
    messageTopicEvents++;
  }
  for (const g of groupIds) {
    for (const u of [...members.get(g)!]) {
      if (u !== 'owner' && rnd() < 0.2) {
        events.push(event('MemberLeft', { groupId: g, userId: u }));
        members.get(g)!.delete(u);
      }
    }
  }
  return { events, expected: { memberCount: new Map([...members].map(([g, m]) => [g, m.size])), messages, reactions, messageTopicEvents } };
}
