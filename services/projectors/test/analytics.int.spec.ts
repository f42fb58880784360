import { describe, it } from 'vitest';
import { analytics } from '../src/projections/analytics';
import { projectionSpec } from './support/projection-spec';
import { event, groupCreated, joined, reacted, registered, sent } from './support/events';

const log = projectionSpec(analytics).given(
  registered('u1', 'ada'),
  registered('u2', 'bob'),
  groupCreated('g1', 'u1'),
  joined('g1', 'u1', 'owner'),
  joined('g1', 'u2'),
  { ...sent('g1', 'm1', 'u1'), actorId: 'u1' },
  { ...sent('g1', 'm2', 'u2'), actorId: 'u2' },
  { ...reacted('g1', 'm1', 'u2'), actorId: 'u2' },
  event('MessageDeleted', { groupId: 'g1', messageId: 'm2', actorId: 'u2' }),
);
const row = (type: string, topic: string, group_id: string | null, user_id: string | null, actor_id: string | null = null) => ({
  type,
  topic,
  group_id,
  user_id,
  actor_id,
});

describe('the analytics projection', () => {
  it('keeps one row per event of every topic, with type, time, actor, group and user', async () => {
    await log.then(`SELECT type, topic, group_id, user_id, actor_id FROM analytics_events ORDER BY occurred_at`, [
      row('UserRegistered', 'users', null, 'u1'),
      row('UserRegistered', 'users', null, 'u2'),
      row('GroupCreated', 'groups', 'g1', null),
      row('MemberJoined', 'groups', 'g1', 'u1'),
      row('MemberJoined', 'groups', 'g1', 'u2'),
      row('MessageSent', 'messages', 'g1', null, 'u1'),
      row('MessageSent', 'messages', 'g1', null, 'u2'),
      row('ReactionAdded', 'messages', 'g1', 'u2', 'u2'),
      row('MessageDeleted', 'messages', 'g1', null, 'u2'),
    ]);
  });

  it('answers the recipes of docs/analysts.md from the payload', async () => {
    const perDay = `SELECT count(*)::int AS messages FROM analytics_events WHERE type = 'MessageSent' GROUP BY date_trunc('day', occurred_at)`;
    await log.then(perDay, [{ messages: 2 }]);
    const byEmoji = `SELECT payload->>'emoji' AS emoji, count(*)::int AS n FROM analytics_events WHERE type = 'ReactionAdded' GROUP BY 1`;
    await log.then(byEmoji, [{ emoji: '👍', n: 1 }]);
  });
});
