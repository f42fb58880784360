import { describe, it } from 'vitest';
import { groups } from '../src/projections/groups';
import { projectionSpec } from './support/projection-spec';
import { event, groupCreated } from './support/events';

const unchanged = { name: null, description: null, interests: null, visibility: null, slowModeSeconds: null };
const update = (groupId: string, fields: object) => event('GroupUpdated', { groupId, ...unchanged, ...fields });
const retention = `SELECT group_id, retention_days FROM groups ORDER BY group_id`;

describe('the groups projection keeps each group’s retention (docs/privacy.md)', () => {
  it('starts without one: messages are kept forever', async () => {
    await projectionSpec(groups)
      .given(groupCreated('g1', 'u1'))
      .then(retention, [{ group_id: 'g1', retention_days: null }]);
  });

  it('takes the days an update sets, keeps them across updates of other fields, and clears them on 0', async () => {
    const set = [groupCreated('g1', 'u1'), groupCreated('g2', 'u1'), update('g1', { retentionDays: 30 }), update('g2', { retentionDays: 7 })];
    await projectionSpec(groups)
      .given(...set, update('g1', { name: 'Renamed' }))
      .then(retention, [
        { group_id: 'g1', retention_days: 30 },
        { group_id: 'g2', retention_days: 7 },
      ]);
    await projectionSpec(groups)
      .given(...set, update('g2', { retentionDays: 0 }))
      .then(retention, [
        { group_id: 'g1', retention_days: 30 },
        { group_id: 'g2', retention_days: null },
      ]);
  });
});
