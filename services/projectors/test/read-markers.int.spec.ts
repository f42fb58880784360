import { describe, it } from 'vitest';
import { readMarkers } from '../src/projections/read-markers';
import { projectionSpec } from './support/projection-spec';
import { event } from './support/events';

const moved = (userId: string, groupId: string, offset: number, threadId: string | null = null) =>
  event('ReadMarkerMoved', { userId, groupId, partition: 2, offset, threadId, actorId: userId });

describe('the read-markers projection', () => {
  it('keeps the furthest marker of each user and conversation: an older or repeated move changes nothing', async () => {
    await projectionSpec(readMarkers)
      .given(moved('ann', 'g1', 5), moved('ann', 'g1', 9), moved('ann', 'g1', 7), moved('bob', 'g1', 3), moved('ann', 'g2', 4), moved('ann', 'g1', 9))
      .then(`SELECT user_id, group_id, partition, "offset"::int FROM read_markers ORDER BY user_id, group_id`, [
        { user_id: 'ann', group_id: 'g1', partition: 2, offset: 9 },
        { user_id: 'ann', group_id: 'g2', partition: 2, offset: 4 },
        { user_id: 'bob', group_id: 'g1', partition: 2, offset: 3 },
      ]);
  });

  it('keeps thread markers apart: a thread marker never moves back and is independent of the main marker', async () => {
    const given = [moved('ann', 'g1', 5), moved('ann', 'g1', 8, 'm1'), moved('ann', 'g1', 6, 'm1'), moved('ann', 'g1', 7), moved('ann', 'g1', 9, 'm2')];
    await projectionSpec(readMarkers)
      .given(...given)
      .then(`SELECT user_id, group_id, thread_id, "offset"::int FROM thread_read_markers ORDER BY thread_id`, [
        { user_id: 'ann', group_id: 'g1', thread_id: 'm1', offset: 8 },
        { user_id: 'ann', group_id: 'g1', thread_id: 'm2', offset: 9 },
      ]);
    await projectionSpec(readMarkers)
      .given(...given)
      .then(`SELECT user_id, group_id, "offset"::int FROM read_markers`, [{ user_id: 'ann', group_id: 'g1', offset: 7 }]);
  });
});
