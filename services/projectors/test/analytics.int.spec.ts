import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analytics } from '../src/projections/analytics';
import { startHarness, type Harness } from './support/harness';
import { event, groupCreated, joined, reacted, registered, sent } from './support/events';

describe('the analytics projection', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ projections: [analytics] });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('keeps one row per event of every topic, with type, time, actor, group and the payload, and answers the recipes', async () => {
    await h.given(
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
    await h.caughtUp();
    const rows = await h.rows<{ type: string; group_id: string | null; user_id: string | null; topic: string }>('SELECT type, group_id, user_id, topic FROM analytics_events ORDER BY occurred_at');
    expect(rows.map((r) => r.type)).toEqual(['UserRegistered', 'UserRegistered', 'GroupCreated', 'MemberJoined', 'MemberJoined', 'MessageSent', 'MessageSent', 'ReactionAdded', 'MessageDeleted']);
    expect(rows.filter((r) => r.topic === 'messages').every((r) => r.group_id === 'g1')).toBe(true);

    const perDay = await h.rows<{ messages: number }>(`SELECT count(*)::int AS messages FROM analytics_events WHERE type = 'MessageSent' GROUP BY date_trunc('day', occurred_at)`);
    expect(perDay).toEqual([{ messages: 2 }]);
    const [emoji] = await h.rows<{ emoji: string; n: number }>(`SELECT payload->>'emoji' AS emoji, count(*)::int AS n FROM analytics_events WHERE type = 'ReactionAdded' GROUP BY 1`);
    expect(emoji).toEqual({ emoji: '👍', n: 1 });

    // Applying the same log again (a restart from an older Kafka offset) changes nothing.
    await h.restart([analytics]);
    await h.caughtUp();
    expect(await h.rows('SELECT 1 FROM analytics_events')).toHaveLength(9);
  });
});
