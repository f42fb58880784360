import { randomBytes } from 'node:crypto';
import type { Request } from 'express';
import { z } from 'zod';
import { permissions } from '@groupchat/schemas/permissions';
import { AppError, forbidden, invalid, notFound, pathId, waitForPositions, conflict } from '@groupchat/shared';
import { PositionResponse } from '../accounts/schemas';
import type { CommandContext } from '../http/context';
import type { Decided } from '../http/envelope';
import type { CommandRoutes } from '../http/routes';
import { parseInput } from '../http/validation';
import type { GroupState } from '../groups/decide';
import type { GroupHeads } from '../groups/heads';
import { withGroupLock } from '../groups/lock';
import { memberOf } from '../groups/roles';
import { loadGroupState } from '../groups/state';
import { bannedError } from './decide';

/** The longest a link may stay open, and the most joins it may allow. */
const MAX_LINK_MS = 365 * 24 * 3600_000;
const MAX_USES = 10_000;

export const CreateInviteLinkRequest = z.object({
  expiresAt: z.iso.datetime({ offset: true }).nullable().optional().describe('when the link stops working (at most a year ahead); absent or null: never'),
  maxUses: z.int().min(1).max(MAX_USES).nullable().optional().describe('how many people may join by it; absent or null: unlimited'),
});

export const CreateInviteLinkResponse = z.object({
  code: z.string().describe('the link code: 22 unguessable base64url characters'),
  url: z.string().describe('the link to share: /invite/<code> on the origin the request was sent to'),
  position: z.string().describe('log position of the link; pass it back as X-Min-Position'),
});

export const JoinByLinkResponse = z.object({
  groupId: z.string(),
  position: z.string().describe('log position of the join; pass it back as X-Min-Position'),
});

export interface InviteLink {
  code: string;
  groupId: string;
  expiresAt: number | null;
  maxUses: number | null;
  uses: number;
  revoked: boolean;
}

/** One answer for unknown, revoked, expired and used-up links, so a code's history is not told. */
export const invalidLink = () => new AppError(404, 'invite_link_invalid', 'this invite link does not exist or no longer works');

export const linkWorks = (l: InviteLink, now: number) =>
  !l.revoked && (l.expiresAt === null || l.expiresAt > now) && (l.maxUses === null || l.uses < l.maxUses);

const UNDEFINED_TABLE = '42P01';

/** The link from the `invite-links` read model; absent while the view does not exist yet. */
async function loadLink(ctx: CommandContext, code: string): Promise<InviteLink | null> {
  const { rows } = await ctx.rt.pool
    .query<{ code: string; group_id: string; expires_at: Date | null; max_uses: number | null; uses: number; revoked: boolean }>(
      'SELECT code, group_id, expires_at, max_uses, uses, revoked FROM invite_links WHERE code = $1',
      [code],
    )
    .catch((e: { code?: string }) => {
      if (e.code === UNDEFINED_TABLE) return { rows: [] };
      throw e;
    });
  const r = rows[0];
  return r ? { code: r.code, groupId: r.group_id, expiresAt: r.expires_at?.getTime() ?? null, maxUses: r.max_uses, uses: r.uses, revoked: r.revoked } : null;
}

function moderator(s: GroupState): void {
  const role = memberOf(s.group, s.actorRole);
  if (s.group!.kind === 'direct') throw forbidden('a direct conversation has no invite links', 'direct_conversation');
  if (!permissions.invite(role)) throw forbidden('only moderators and above manage invite links');
}

export function decideCreateLink(
  s: GroupState,
  c: { groupId: string; actorId: string; code: string; expiresAt: number | null; maxUses: number | null; now: number },
): Decided[] {
  moderator(s);
  if (c.expiresAt !== null && (c.expiresAt <= c.now || c.expiresAt > c.now + MAX_LINK_MS))
    throw invalid([{ field: 'expiresAt', message: 'must be in the future and at most a year ahead (leave it out for a link that does not expire)' }]);
  return [{ type: 'InviteLinkCreated', groupId: c.groupId, code: c.code, createdBy: c.actorId, expiresAt: c.expiresAt, maxUses: c.maxUses }];
}

export function decideRevokeLink(s: GroupState, link: InviteLink | null, c: { groupId: string; actorId: string; code: string }): Decided[] {
  moderator(s);
  if (!link || link.groupId !== c.groupId) throw notFound('invite link');
  if (link.revoked) throw conflict('this invite link is already revoked', 'already_revoked');
  return [{ type: 'InviteLinkRevoked', groupId: c.groupId, code: c.code, revokedBy: c.actorId }];
}

/** Anyone signed in joins by a working link, private groups too; bans still hold. */
export function decideJoinByLink(s: GroupState, link: InviteLink, c: { userId: string; now: number }): Decided[] {
  if (!s.group || s.group.deleted || !linkWorks(link, c.now)) throw invalidLink();
  if (s.actorBannedUntil !== undefined) throw bannedError(s.actorBannedUntil);
  if (s.actorRole) throw conflict('already a member of this group', 'already_member');
  return [{ type: 'MemberJoined', groupId: link.groupId, userId: c.userId, role: 'member', via: 'invite', inviteCode: link.code }];
}

/**
 * Invite links (docs/moderation.md). Joins by a link run one at a time per group under the
 * group's lock, and count the link's uses once the `invite-links` model has reached the
 * group's newest change, so a use limit holds without a conditional append.
 */
export function inviteLinkRoutes(routes: CommandRoutes, ctx: CommandContext, heads: GroupHeads) {
  const { pool } = ctx.rt;
  const timeoutMs = ctx.rt.config.MIN_POSITION_WAIT_MS;

  async function locked(req: Request, groupId: string, run: (s: GroupState) => Promise<Decided[]>) {
    return withGroupLock(pool, groupId, async () => {
      await heads.settle(req, groupId);
      const head = await heads.head(groupId);
      await waitForPositions(pool, head ? [head] : [], { projections: ['invite-links'], timeoutMs });
      const state = await loadGroupState(pool, groupId, { actorId: req.user!.sub });
      return ctx.record(req, await run(state), groupId, (results) => heads.advance(groupId, results));
    });
  }

  routes.add(
    {
      method: 'post',
      path: '/groups/:id/invite-links',
      summary: 'Create an invite link to the group (moderator and above; not in a direct conversation)',
      description:
        'Anyone signed in who opens the link may join, private groups too, unless banned. The url is `/invite/<code>` on the origin the request came to.',
      auth: true,
      body: { name: 'CreateInviteLinkRequest', schema: CreateInviteLinkRequest },
      success: { status: 201, description: 'created', name: 'CreateInviteLinkResponse', schema: CreateInviteLinkResponse },
      errors: [403, 404, 422],
    },
    ctx.auth,
    async (req, res) => {
      const groupId = pathId(req.params.id, 'group');
      const input = parseInput(CreateInviteLinkRequest, req.body ?? {});
      const code = randomBytes(16).toString('base64url');
      const command = {
        groupId,
        actorId: req.user!.sub,
        code,
        expiresAt: input.expiresAt ? Date.parse(input.expiresAt) : null,
        maxUses: input.maxUses ?? null,
        now: Date.now(),
      };
      const position = await locked(req, groupId, async (s) => decideCreateLink(s, command));
      res.status(201).json({ code, url: `${req.protocol}://${req.get('host')}/invite/${code}`, position });
    },
  );

  routes.add(
    {
      method: 'delete',
      path: '/groups/:id/invite-links/:code',
      summary: 'Revoke an invite link (moderator and above); people who joined by it stay',
      auth: true,
      success: { status: 200, description: 'revoked', name: 'PositionResponse', schema: PositionResponse },
      errors: [403, 404, 409],
    },
    ctx.auth,
    async (req, res) => {
      const groupId = pathId(req.params.id, 'group');
      const code = pathId(req.params.code, 'invite link');
      const position = await locked(req, groupId, async (s) => decideRevokeLink(s, await loadLink(ctx, code), { groupId, actorId: req.user!.sub, code }));
      res.json({ position });
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/invite-links/:code/join',
      summary: 'Join a group by an invite link (anyone signed in)',
      description:
        'A revoked, expired, used-up or unknown link answers 404 `invite_link_invalid`, without saying which; a ban in force 403 `banned`; a member 409 `already_member`.',
      auth: true,
      success: { status: 200, description: 'joined', name: 'JoinByLinkResponse', schema: JoinByLinkResponse },
      errors: [403, 404, 409],
    },
    ctx.auth,
    async (req, res) => {
      const code = (() => {
        try {
          return pathId(req.params.code, 'invite link');
        } catch {
          throw invalidLink();
        }
      })();
      // Read-your-writes: a caller passing the link's position sees it.
      await waitForPositions(pool, req.minPositions, { projections: ['invite-links'], timeoutMs });
      const first = await loadLink(ctx, code);
      if (!first) throw invalidLink();
      const position = await locked(req, first.groupId, async (s) => {
        const link = await loadLink(ctx, code);
        return decideJoinByLink(s, link ?? first, { userId: req.user!.sub, now: Date.now() });
      });
      res.json({ groupId: first.groupId, position });
    },
  );
}
