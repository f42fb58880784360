import { describe, it } from 'vitest';
import { groupDailyActivity } from '../src/projections/group-daily-activity';
import { projectionSpec } from './support/projection-spec';
import { reacted, sent } from './support/events';

const on = (day: string, e: ReturnType<typeof sent>) => ({ ...e, occurredAt: Date.parse(`${day}T12:00:00Z`) });
const spec = projectionSpec(groupDailyActivity);

describe('the group daily activity projection', () => {
  it('counts messages and distinct senders per group and UTC day', async () => {
    await spec
      .given(
        on('2024-01-01', sent('g1', 'm1', 'ada')),
        on('2024-01-01', sent('g1', 'm2', 'ada')),
        on('2024-01-01', sent('g1', 'm3', 'bob')),
        on('2024-01-02', sent('g1', 'm4', 'ada')),
        on('2024-01-01', sent('g2', 'm5', 'bob')),
        reacted('g1', 'm1', 'bob'),
      )
      .then(`SELECT group_id, day::text, messages, active_members FROM group_daily_activity ORDER BY 1, 2`, [
        { group_id: 'g1', day: '2024-01-01', messages: 3, active_members: 2 },
        { group_id: 'g1', day: '2024-01-02', messages: 1, active_members: 1 },
        { group_id: 'g2', day: '2024-01-01', messages: 1, active_members: 1 },
      ]);
  });
});
