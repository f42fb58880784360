import { z } from 'zod';
import { invalid } from '@groupchat/shared';
import type { CredentialStore } from '../accounts/credentials';
import type { CommandContext } from '../http/context';
import { byUser, limiter, MINUTE } from '../http/rate-limits';
import type { CommandRoutes } from '../http/routes';
import { pathId } from '../http/validation';

const BlockResponse = z.object({
  userId: z.string(),
  blocked: z.boolean(),
  position: z.string().describe('log position of the change; pass it back as X-Min-Position'),
});

/** Blocks and unblocks per user per minute. */
const BLOCK_LIMIT = 60;

/**
 * Blocking (docs/moderation.md): UserBlocked / UserUnblocked on the blocker's users-topic key.
 * The blocked user is not told: nothing they can read changes, and refusals name no one.
 */
export function blockRoutes(routes: CommandRoutes, ctx: CommandContext, credentials: CredentialStore) {
  const perUser = limiter({ windowMs: MINUTE, limit: BLOCK_LIMIT, key: (req) => `blocks:${byUser(req)}` });
  for (const [method, blocked] of [
    ['put', true],
    ['delete', false],
  ] as const) {
    routes.add(
      {
        method,
        path: '/me/blocks/:userId',
        summary: blocked
          ? 'Block someone: their messages collapse for me, their presence and typing are hidden, and they cannot open a DM with or invite me'
          : 'Unblock someone',
        auth: true,
        success: { status: 200, description: 'recorded', name: 'BlockResponse', schema: BlockResponse },
        errors: [422, 429],
      },
      ctx.auth,
      perUser,
      async (req, res) => {
        const userId = req.user!.sub;
        const other = pathId(req.params.userId, 'user');
        if (other === userId) throw invalid([{ field: 'userId', message: 'you cannot block yourself' }]);
        if (!(await credentials.isRegistered(other))) throw invalid([{ field: 'userId', message: 'no such user' }]);
        const position = await ctx.record(req, [{ type: blocked ? 'UserBlocked' : 'UserUnblocked', userId, blockedUserId: other }], userId);
        res.json({ userId: other, blocked, position });
      },
    );
  }
}
