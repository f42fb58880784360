import type { Request } from 'express';
import type { CredentialStore } from '../accounts/credentials';
import { PositionResponse } from '../accounts/schemas';
import type { CommandContext } from '../http/context';
import type { Decided } from '../http/envelope';
import type { CommandRoutes } from '../http/routes';
import { parseInput, pathId } from '../http/validation';
import type { GroupState } from '../groups/decide';
import type { GroupHeads } from '../groups/heads';
import { withGroupLock } from '../groups/lock';
import { loadGroupState } from '../groups/state';
import { decideBan, decideTimeout, decideUnban } from './decide';
import { permissions } from '@groupchat/schemas/permissions';
import { forbidden, invalid } from '@groupchat/shared';
import { memberOf } from '../groups/roles';
import { patternProblem } from './automod';
import { AutoModerationRequest, BanRequest, BanResponse, TimeoutRequest } from './schemas';

/** Messages deleted with one ban at most: enough for a spammer's week, one append. */
const MAX_DELETED_WITH_BAN = 1000;

const time = (iso: string | null | undefined) => (iso ? Date.parse(iso) : null);

/** Bans and timeouts (docs/moderation.md), decided on the group's views under its lock like removals. */
export function moderationRoutes(routes: CommandRoutes, ctx: CommandContext, heads: GroupHeads, credentials: CredentialStore) {
  const { pool } = ctx.rt;

  /** Loads the group with the caller and the target, decides and appends, one command at a time per group. */
  async function decided(req: Request, groupId: string, userId: string, decide: (s: GroupState) => Decided[]) {
    return withGroupLock(pool, groupId, async () => {
      await heads.settle(req, groupId);
      const [state, targetRegistered] = await Promise.all([
        loadGroupState(pool, groupId, { actorId: req.user!.sub, targetId: userId }),
        credentials.isRegistered(userId),
      ]);
      return ctx.record(req, decide({ ...state, targetRegistered }), groupId, (results) => heads.advance(groupId, results));
    });
  }

  routes.add(
    {
      method: 'post',
      path: '/groups/:id/bans',
      summary: 'Ban someone of a lower role from the group (moderator and above)',
      description:
        'Ends their membership and any invite; while the ban is in force they cannot join, be invited, or read the group (a public group still shows that it exists). `until` absent: permanent. `deleteMessagesSince` also deletes their messages since then, as a moderator deleting each. Banning again replaces the end and the reason.',
      auth: true,
      body: { name: 'BanRequest', schema: BanRequest },
      success: { status: 200, description: 'banned', name: 'BanResponse', schema: BanResponse },
      errors: [403, 404, 422],
    },
    ctx.auth,
    async (req, res) => {
      const groupId = pathId(req.params.id, 'group');
      const input = parseInput(BanRequest, req.body);
      const ban = {
        groupId,
        actorId: req.user!.sub,
        userId: input.userId,
        reason: input.reason ?? null,
        until: time(input.until),
        deleteMessagesSince: time(input.deleteMessagesSince),
        now: Date.now(),
      };
      let position = await decided(req, groupId, input.userId, (s) => decideBan(s, ban));
      let deletedMessages = 0;
      if (ban.deleteMessagesSince !== null) {
        const { rows } = await pool.query<{ message_id: string }>(
          `SELECT message_id FROM messages WHERE group_id = $1 AND sender_id = $2 AND sent_at >= to_timestamp($3 / 1000.0) AND NOT deleted
            ORDER BY "offset" DESC LIMIT $4`,
          [groupId, input.userId, ban.deleteMessagesSince, MAX_DELETED_WITH_BAN],
        );
        if (rows.length) {
          position = await ctx.record(
            req,
            rows.map((r) => ({ type: 'MessageDeleted', messageId: r.message_id, groupId })),
            groupId,
          );
          deletedMessages = rows.length;
        }
      }
      res.json({ userId: input.userId, until: ban.until === null ? null : new Date(ban.until).toISOString(), deletedMessages, position });
    },
  );

  routes.add(
    {
      method: 'delete',
      path: '/groups/:id/bans/:userId',
      summary: 'Lift a ban (moderator and above); they may join again, but are not made a member',
      auth: true,
      success: { status: 200, description: 'lifted', name: 'PositionResponse', schema: PositionResponse },
      errors: [403, 404],
    },
    ctx.auth,
    async (req, res) => {
      const groupId = pathId(req.params.id, 'group');
      const userId = pathId(req.params.userId, 'user');
      res.json({ position: await decided(req, groupId, userId, (s) => decideUnban(s, { groupId, actorId: req.user!.sub, userId })) });
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/groups/:id/timeouts',
      summary: 'Stop a member of a lower role from posting and reacting until a time (moderator and above)',
      description: 'They keep reading. A time already past lifts the timeout (409 `not_timed_out` when there is none).',
      auth: true,
      body: { name: 'TimeoutRequest', schema: TimeoutRequest },
      success: { status: 200, description: 'recorded', name: 'PositionResponse', schema: PositionResponse },
      errors: [403, 404, 409, 422],
    },
    ctx.auth,
    async (req, res) => {
      const groupId = pathId(req.params.id, 'group');
      const input = parseInput(TimeoutRequest, req.body);
      const command = { groupId, actorId: req.user!.sub, userId: input.userId, until: Date.parse(input.until), reason: input.reason ?? null, now: Date.now() };
      res.json({ position: await decided(req, groupId, input.userId, (s) => decideTimeout(s, command)) });
    },
  );

  routes.add(
    {
      method: 'put',
      path: '/groups/:id/auto-moderation',
      summary: "Set the group's automatic moderation: blocked words and patterns, and slow mode for new members (admins and owners)",
      description:
        'The whole setting. Patterns use RE2 syntax, which matches in linear time; a plain word or phrase matches as a whole word; matching ignores case. Moderators and above are never held back by it.',
      auth: true,
      body: { name: 'AutoModerationRequest', schema: AutoModerationRequest },
      success: { status: 200, description: 'recorded', name: 'PositionResponse', schema: PositionResponse },
      errors: [403, 404, 422],
    },
    ctx.auth,
    async (req, res) => {
      const groupId = pathId(req.params.id, 'group');
      const input = parseInput(AutoModerationRequest, req.body);
      const problems = input.patterns.flatMap((p, i) => {
        const problem = patternProblem(p);
        return problem ? [{ field: `patterns.${i}`, message: problem }] : [];
      });
      if (problems.length) throw invalid(problems);
      const position = await decided(req, groupId, req.user!.sub, (s) => {
        const role = memberOf(s.group, s.actorRole);
        if (s.group!.kind === 'direct') throw forbidden('a direct conversation has no moderation', 'direct_conversation');
        if (!permissions.editGroup(role)) throw forbidden('only admins and owners set automatic moderation');
        return [{ type: 'AutoModerationSet', groupId, setBy: req.user!.sub, ...input, patterns: input.patterns.map((p) => p.trim()) }];
      });
      res.json({ position });
    },
  );
}
