import { describe, it } from 'vitest';
import { pins } from '../src/projections/pins';
import { projectionSpec } from './support/projection-spec';
import { event } from './support/events';

const pinned = (messageId: string, on = true) => event(on ? 'MessagePinned' : 'MessageUnpinned', { groupId: 'g1', messageId, actorId: 'mod' });

describe('the pins projection', () => {
  it('lists what is pinned now: the last pin or unpin of each message wins, a repeat changes nothing', async () => {
    await projectionSpec(pins)
      .given(pinned('m1'), pinned('m2'), pinned('m1'), pinned('m2', false), pinned('m3'), pinned('m3', false), pinned('m3'))
      .then(`SELECT message_id, pinned_by FROM pins ORDER BY message_id`, [
        { message_id: 'm1', pinned_by: 'mod' },
        { message_id: 'm3', pinned_by: 'mod' },
      ]);
  });
});
