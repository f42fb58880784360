import { describe, it } from 'vitest';
import { reports } from '../src/projections/reports';
import { projectionSpec } from './support/projection-spec';
import { event } from './support/events';

const filed = (reportId: string, reason = 'spam') =>
  event('ReportFiled', { groupId: 'g1', reportId, reporterId: 'ann', messageId: 'm1', userId: 'bob', reason, audience: 'moderators', actorId: 'ann' });
const resolved = (reportId: string, action: 'dismiss' | 'ban') =>
  event('ReportResolved', { groupId: 'g1', reportId, resolvedBy: 'mod', action, note: null, actorId: 'mod' });

describe('the reports projection', () => {
  it('keeps the first filing of a report and its first resolution', async () => {
    await projectionSpec(reports)
      .given(filed('r1'), filed('r1', 'again'), filed('r2'), resolved('r1', 'ban'), resolved('r1', 'dismiss'))
      .then(`SELECT report_id, reason, status, action, resolved_by FROM reports ORDER BY report_id`, [
        { report_id: 'r1', reason: 'spam', status: 'resolved', action: 'ban', resolved_by: 'mod' },
        { report_id: 'r2', reason: 'spam', status: 'open', action: null, resolved_by: null },
      ]);
  });
});
