import type { Request } from 'express';
import { permissions, rankOf } from '@groupchat/schemas/permissions';
import { conflict, forbidden, invalid, notFound, waitForPositions, type Pool } from '@groupchat/shared';
import type { CredentialStore } from '../accounts/credentials';
import type { CommandContext } from '../http/context';
import { uuidV5, type Decided } from '../http/envelope';
import { byUser, limiter, MINUTE } from '../http/rate-limits';
import type { CommandRoutes } from '../http/routes';
import { parseInput, pathId } from '../http/validation';
import type { GroupState } from '../groups/decide';
import type { GroupHeads } from '../groups/heads';
import { withGroupLock } from '../groups/lock';
import { memberOf } from '../groups/roles';
import { loadGroupState } from '../groups/state';
import { loadMessage } from '../messages/state';
import { decideBan, decideTimeout } from './decide';
import { FileReportRequest, FileReportResponse, ResolveReportRequest, ResolveReportResponse } from './schemas';

/** Reports filed per user per hour: plenty for real trouble, too few to flood a queue. */
const REPORT_LIMIT = 30;
const DEFAULT_TIMEOUT_MS = 3600_000;

interface StoredReport {
  report_id: string;
  group_id: string;
  message_id: string | null;
  target_user_id: string;
  audience: 'moderators' | 'admins';
  status: 'open' | 'resolved';
}

async function storedReport(pool: Pool, reportId: string): Promise<StoredReport | null> {
  const { rows } = await pool.query<StoredReport>(
    'SELECT report_id, group_id, message_id, target_user_id, audience, status FROM reports WHERE report_id = $1',
    [reportId],
  );
  return rows[0] ?? null;
}

/** Reports to a group's moderators, and their resolution with an action (docs/moderation.md). */
export function reportRoutes(routes: CommandRoutes, ctx: CommandContext, heads: GroupHeads, credentials: CredentialStore) {
  const { pool, config } = ctx.rt;
  const perUser = limiter({ windowMs: 60 * MINUTE, limit: REPORT_LIMIT, key: (req) => `reports:${byUser(req)}` });
  /** The caller's positions, and the group's newest change (reports included) in the reports model. */
  const settleReports = async (req: Request, groupId: string) => {
    const head = await heads.head(groupId);
    const positions = [...req.minPositions, ...(head ? [head] : [])];
    await Promise.all([heads.settle(req, groupId), waitForPositions(pool, positions, { projections: ['reports'], timeoutMs: config.MIN_POSITION_WAIT_MS })]);
  };

  routes.add(
    {
      method: 'post',
      path: '/reports',
      summary: "Report a message or a member to the group's moderators (members)",
      description:
        'Exactly one of `messageId` and `userId`. A report about a moderator or above goes to the admins and owner. One report per reporter and target: a second answers 409 `already_reported`.',
      auth: true,
      body: { name: 'FileReportRequest', schema: FileReportRequest },
      success: { status: 201, description: 'filed', name: 'FileReportResponse', schema: FileReportResponse },
      errors: [403, 404, 409, 422, 429],
    },
    ctx.auth,
    perUser,
    async (req, res) => {
      const input = parseInput(FileReportRequest, req.body);
      const reporterId = req.user!.sub;
      const { groupId } = input;
      // One filing at a time per group, each seeing the last: the same report twice is refused, not filed twice.
      const { reportId, position } = await withGroupLock(pool, groupId, () => file(req, input, reporterId));
      res.status(201).json({ reportId, position });
    },
  );

  async function file(req: Request, input: ReturnType<typeof FileReportRequest.parse>, reporterId: string) {
    const { groupId } = input;
    await settleReports(req, groupId);
    const message = input.messageId ? await loadMessage(pool, input.messageId) : null;
    if (input.messageId && (!message || message.groupId !== groupId || message.deleted))
      throw invalid([{ field: 'messageId', message: 'no such message in this group' }]);
    const targetId = message?.senderId ?? input.userId!;
    const state = await loadGroupState(pool, groupId, { actorId: reporterId, targetId });
    memberOf(state.group, state.actorRole);
    if (targetId === reporterId) throw invalid([{ field: message ? 'messageId' : 'userId', message: 'you cannot report yourself' }]);
    if (!message && !state.targetRole) throw invalid([{ field: 'userId', message: 'not a member of this group' }]);
    const reportId = uuidV5('report', groupId, reporterId, message ? `message:${message.messageId}` : `user:${targetId}`);
    if (await storedReport(pool, reportId)) throw conflict('you have already reported this', 'already_reported');
    const audience = rankOf(state.targetRole) >= rankOf('moderator') ? 'admins' : 'moderators';
    const filed: Decided = {
      type: 'ReportFiled',
      reportId,
      groupId,
      reporterId,
      messageId: message?.messageId ?? null,
      userId: targetId,
      reason: input.reason,
      audience,
    };
    const position = await ctx.record(req, [filed], groupId, (results) => heads.advance(groupId, results));
    return { reportId, position };
  }

  routes.add(
    {
      method: 'post',
      path: '/reports/:id/resolve',
      summary: 'Resolve a report with an action (moderators and up; admins and up for reports about moderators)',
      description:
        '`dismiss`, `delete` (the reported message), `timeout` (until `until`, default one hour) or `ban` (`until` absent: permanent), each under the same rules as done directly. A resolved report answers 409 `already_resolved`.',
      auth: true,
      body: { name: 'ResolveReportRequest', schema: ResolveReportRequest },
      success: { status: 200, description: 'resolved', name: 'ResolveReportResponse', schema: ResolveReportResponse },
      errors: [403, 404, 409, 422],
    },
    ctx.auth,
    async (req, res) => {
      const reportId = pathId(req.params.id, 'report');
      const input = parseInput(ResolveReportRequest, req.body);
      const actorId = req.user!.sub;
      await waitForPositions(pool, req.minPositions, { projections: ['reports'], timeoutMs: config.MIN_POSITION_WAIT_MS });
      const report = await storedReport(pool, reportId);
      if (!report) throw notFound('report');
      const groupId = report.group_id;
      const now = Date.now();
      const resolved: Decided = { type: 'ReportResolved', reportId, groupId, resolvedBy: actorId, action: input.action, note: input.note ?? null };
      const decide = (s: GroupState): Decided[] => {
        const role = memberOf(s.group, s.actorRole);
        if (!permissions.moderate(role) || (report.audience === 'admins' && rankOf(role) < rankOf('admin')))
          throw report.audience === 'admins'
            ? forbidden('reports about moderators are for admins and owners')
            : forbidden('only moderators and above resolve reports');
        if (report.status === 'resolved') throw conflict('this report is resolved already', 'already_resolved');
        switch (input.action) {
          case 'timeout':
            return [
              ...decideTimeout(s, {
                groupId,
                actorId,
                userId: report.target_user_id,
                until: input.until ? Date.parse(input.until) : now + DEFAULT_TIMEOUT_MS,
                reason: input.note ?? null,
                now,
              }),
              resolved,
            ];
          case 'ban':
            return [
              ...decideBan(s, {
                groupId,
                actorId,
                userId: report.target_user_id,
                reason: input.note ?? null,
                until: input.until ? Date.parse(input.until) : null,
                deleteMessagesSince: null,
                now,
              }),
              resolved,
            ];
          case 'delete':
            if (!report.message_id) throw invalid([{ field: 'action', message: 'a report about a member has no message to delete' }]);
            return [resolved];
          default:
            return [resolved];
        }
      };
      const position = await withGroupLock(pool, groupId, async () => {
        await heads.settle(req, groupId);
        const [state, targetRegistered] = await Promise.all([
          loadGroupState(pool, groupId, { actorId, targetId: report.target_user_id }),
          credentials.isRegistered(report.target_user_id),
        ]);
        const decided = decide({ ...state, targetRegistered });
        if (input.action === 'delete') {
          const message = await loadMessage(pool, report.message_id!);
          if (message && !message.deleted) await ctx.record(req, [{ type: 'MessageDeleted', messageId: message.messageId, groupId }], groupId);
        }
        return ctx.record(req, decided, groupId, (results) => heads.advance(groupId, results));
      });
      res.json({ reportId, action: input.action, position });
    },
  );
}
