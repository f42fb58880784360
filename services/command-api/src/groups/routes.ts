import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import type { CommandContext } from '../http/context';
import type { Decided } from '../http/envelope';
import { groupCreateLimit } from '../http/rate-limits';
import type { CommandRoutes, Operation } from '../http/routes';
import { parseInput, pathId } from '../http/validation';
import { PositionResponse } from '../accounts/schemas';
import type { CredentialStore } from '../accounts/credentials';
import {
  decideChangeRole,
  decideCreateGroup,
  decideDeleteGroup,
  decideInvite,
  decideJoin,
  decideLeave,
  decideRemoveMember,
  decideRevokeInvite,
  decideUpdateGroup,
  type GroupState,
} from './decide';
import type { GroupHeads } from './heads';
import { blockersOf } from '../dms/state';
import { withGroupLock } from './lock';
import { ChangeRoleRequest, CreateGroupRequest, CreateGroupResponse, InviteRequest, UpdateGroupRequest } from './schemas';
import { loadGroupState, type StateQuery } from './state';

/** An invite lapses after a week unless accepted (docs/moderation.md). */
const INVITE_MS = 7 * 24 * 3600_000;
const positionAnswer = { status: 200, description: 'done', name: 'PositionResponse', schema: PositionResponse };
interface Plan {
  query: Omit<StateQuery, 'actorId'>;
  /** Facts from outside the group's views, loaded beside them. */
  facts?: () => Promise<Partial<GroupState>>;
  decide: (s: GroupState) => Decided[];
  /** Membership changes that could break an invariant (owners) run one at a time per group. */
  serialise?: boolean;
}
type Doc = Omit<Operation, 'method' | 'path' | 'auth' | 'success'> & { success?: Operation['success'] };

export function groupRoutes(routes: CommandRoutes, ctx: CommandContext, heads: GroupHeads, credentials: CredentialStore) {
  const { pool } = ctx.rt;
  const record = (req: Request, decided: Decided[], groupId: string) => ctx.record(req, decided, groupId, (results) => heads.advance(groupId, results));

  /** The shape of every command on an existing group: wait for the read model, load, decide, append. */
  function command(method: Operation['method'], path: string, doc: Doc, run: (req: Request, groupId: string) => Plan) {
    routes.add({ method, path, auth: true, success: positionAnswer, ...doc }, ctx.auth, async (req, res) => {
      const groupId = pathId(req.params.id, 'group');
      const { query, decide, serialise, facts } = run(req, groupId);
      const attempt = async () => {
        await heads.settle(req, groupId);
        const [state, more] = await Promise.all([loadGroupState(pool, groupId, { actorId: req.user!.sub, ...query }), facts?.()]);
        return record(req, decide({ ...state, ...more }), groupId);
      };
      res.json({ position: await (serialise ? withGroupLock(pool, groupId, attempt) : attempt()) });
    });
  }

  routes.add(
    {
      method: 'post',
      path: '/groups',
      summary: 'Create a group; the caller becomes its owner',
      auth: true,
      body: { name: 'CreateGroupRequest', schema: CreateGroupRequest },
      success: { status: 201, description: 'created', name: 'CreateGroupResponse', schema: CreateGroupResponse },
      errors: [429],
    },
    ctx.auth,
    groupCreateLimit(ctx.rt.config),
    async (req, res) => {
      const input = parseInput(CreateGroupRequest, req.body);
      const groupId = randomUUID();
      const position = await record(req, decideCreateGroup({ ...input, groupId, ownerId: req.user!.sub }), groupId);
      res.status(201).json({ groupId, position });
    },
  );

  command(
    'patch',
    '/groups/:id',
    {
      summary: 'Update a group (owner, admin: also retentionDays; moderators may only set slowModeSeconds); not a direct conversation',
      body: { name: 'UpdateGroupRequest', schema: UpdateGroupRequest },
      errors: [403, 404],
    },
    (req, groupId) => {
      const input = parseInput(UpdateGroupRequest, req.body);
      return { query: {}, decide: (s) => decideUpdateGroup(s, { groupId, ...input }) };
    },
  );

  command('delete', '/groups/:id', { summary: 'Delete a group (owner, admin)', errors: [403, 404] }, (_req, groupId) => ({
    query: {},
    decide: (s) => decideDeleteGroup(s, { groupId }),
  }));

  command(
    'post',
    '/groups/:id/join',
    {
      summary: 'Join a public group, or a private one with a pending invite',
      errors: [404, 409],
    },
    (req, groupId) => ({ query: {}, decide: (s) => decideJoin(s, { groupId, userId: req.user!.sub }) }),
  );

  command(
    'post',
    '/groups/:id/invites',
    {
      summary: 'Invite a user to a private group (moderator and above)',
      body: { name: 'InviteRequest', schema: InviteRequest },
      errors: [403, 404, 409],
    },
    (req, groupId) => {
      const { userId } = parseInput(InviteRequest, req.body);
      return {
        query: { targetId: userId },
        facts: async () => {
          const [targetRegistered, blockers] = await Promise.all([credentials.isRegistered(userId), blockersOf(pool, req.user!.sub, [userId])]);
          return { targetRegistered, targetBlocksActor: blockers.has(userId) };
        },
        decide: (s) => decideInvite(s, { groupId, actorId: req.user!.sub, userId, expiresAt: Date.now() + INVITE_MS }),
      };
    },
  );

  command('delete', '/groups/:id/invites/:userId', { summary: 'Revoke a pending invite (moderator and above)', errors: [403, 404] }, (req, groupId) => {
    const userId = pathId(req.params.userId, 'invite');
    return { query: { targetId: userId }, decide: (s) => decideRevokeInvite(s, { groupId, actorId: req.user!.sub, userId }) };
  });

  command(
    'post',
    '/groups/:id/leave',
    {
      summary: 'Leave a group (the last owner must hand ownership over first)',
      errors: [404, 409],
    },
    (req, groupId) => ({ query: { owners: true }, decide: (s) => decideLeave(s, { groupId, userId: req.user!.sub }), serialise: true }),
  );

  command(
    'delete',
    '/groups/:id/members/:userId',
    {
      summary: 'Remove a member of a lower role (moderator and above)',
      errors: [403, 404],
    },
    (req, groupId) => {
      const userId = pathId(req.params.userId, 'member');
      return { query: { targetId: userId }, decide: (s) => decideRemoveMember(s, { groupId, actorId: req.user!.sub, userId }), serialise: true };
    },
  );

  command(
    'put',
    '/groups/:id/members/:userId/role',
    {
      summary: 'Change a member’s role (owner: any role, including handing ownership over; admin: below admin)',
      body: { name: 'ChangeRoleRequest', schema: ChangeRoleRequest },
      errors: [403, 404, 409],
    },
    (req, groupId) => {
      const userId = pathId(req.params.userId, 'member');
      const { role } = parseInput(ChangeRoleRequest, req.body);
      return {
        query: { targetId: userId, owners: true },
        decide: (s) => decideChangeRole(s, { groupId, actorId: req.user!.sub, userId, role }),
        serialise: true,
      };
    },
  );
}
