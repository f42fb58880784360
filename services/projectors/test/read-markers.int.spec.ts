import { describe, it } from 'vitest';
import { readMarkers } from '../src/projections/read-markers';
import { projectionSpec } from './support/projection-spec';
import { event } from './support/events';

const moved = (userId: string, groupId: string, offset: number) => event('ReadMarkerMoved', { userId, groupId, partition: 2, offset, actorId: userId });

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
});
