import type { EventOf } from '@groupchat/schemas';
import { defineProjection, ms, withRows } from '../framework';

/**
 * Reports to a group's moderators and what became of them (docs/moderation.md). A report's id
 * follows from group, reporter and target, so a repeated filing keeps the first; a resolution
 * applies to an open report only, so the first resolution stands.
 */
export const reports = defineProjection({
  name: 'reports',
  version: 1,
  storage: 'postgres',
  topics: ['groups'],
  tables: ['reports'],
  async setup({ client, table }) {
    await client.query(`CREATE TABLE ${table('reports')} (
      report_id text PRIMARY KEY, group_id text NOT NULL, reporter_id text NOT NULL, message_id text, target_user_id text NOT NULL,
      reason text NOT NULL, audience text NOT NULL, filed_at timestamptz NOT NULL,
      status text NOT NULL DEFAULT 'open', action text, resolved_by text, resolved_at timestamptz, note text)`);
    await client.query(`CREATE INDEX ON ${table('reports')} (group_id, status, filed_at DESC)`);
    await client.query(`CREATE INDEX ON ${table('reports')} (reporter_id, filed_at DESC)`);
  },
  keys: ({ event }) => [(event as EventOf<'ReportFiled'>).reportId],
  batchHandlers: {
    ReportFiled: (envelopes, ctx) =>
      withRows(
        ctx,
        `INSERT INTO ${ctx.table('reports')} (report_id, group_id, reporter_id, message_id, target_user_id, reason, audience, filed_at)
         SELECT report_id, group_id, reporter_id, message_id, user_id, reason, audience, ${ms('at')}
           FROM json_to_recordset($1::json) AS x(report_id text, group_id text, reporter_id text, message_id text, user_id text, reason text, audience text, at bigint)
         ON CONFLICT (report_id) DO NOTHING`,
        envelopes.map(({ event: e }) => ({
          report_id: e.reportId,
          group_id: e.groupId,
          reporter_id: e.reporterId,
          message_id: e.messageId,
          user_id: e.userId,
          reason: e.reason,
          audience: e.audience,
          at: e.occurredAt,
        })),
      ),
    ReportResolved: (envelopes, ctx) =>
      withRows(
        ctx,
        `UPDATE ${ctx.table('reports')} r SET status = 'resolved', action = x.action, resolved_by = x.resolved_by, resolved_at = ${ms('x.at')}, note = x.note
           FROM json_to_recordset($1::json) AS x(report_id text, action text, resolved_by text, note text, at bigint)
          WHERE r.report_id = x.report_id AND r.status = 'open'`,
        envelopes.map(({ event: e }) => ({ report_id: e.reportId, action: e.action, resolved_by: e.resolvedBy, note: e.note, at: e.occurredAt })),
      ),
  },
});
