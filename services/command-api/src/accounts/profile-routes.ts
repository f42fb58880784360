import type { Pool } from '@groupchat/shared';
import type { CommandContext } from '../http/context';
import type { CommandRoutes } from '../http/routes';
import { parseInput } from '../http/validation';
import { markAttached } from '../messages/attachments';
import type { CredentialStore } from './credentials';
import { decideUpdateProfile } from './decide';
import { PositionResponse, UpdateProfileRequest } from './schemas';

export function profileRoutes(routes: CommandRoutes, ctx: CommandContext, credentials: CredentialStore) {
  const { pool } = ctx.rt;
  routes.add(
    {
      method: 'patch',
      path: '/me',
      summary: 'Update the caller’s profile',
      auth: true,
      description: 'Only the given fields change. avatarMediaId must be an image the caller uploaded; null removes the avatar.',
      body: { name: 'UpdateProfileRequest', schema: UpdateProfileRequest },
      success: { status: 200, description: 'updated', name: 'PositionResponse', schema: PositionResponse },
      errors: [404],
    },
    ctx.auth,
    async (req, res) => {
      const input = parseInput(UpdateProfileRequest, req.body);
      const userId = req.user!.sub;
      const [registered, avatar] = await Promise.all([
        credentials.isRegistered(userId),
        input.avatarMediaId ? mediaOwner(pool, input.avatarMediaId) : undefined,
      ]);
      const decided = decideUpdateProfile({ registered, avatar }, { userId, ...input });
      const position = await ctx.record(req, decided, userId, async () => {
        if (input.avatarMediaId) await markAttached(pool, [input.avatarMediaId]);
      });
      res.json({ position });
    },
  );
}

async function mediaOwner(pool: Pool, mediaId: string) {
  const { rows } = await pool.query<{ owner_id: string; kind: string }>('SELECT owner_id, kind FROM media WHERE media_id = $1', [mediaId]);
  return rows[0] ? { ownerId: rows[0].owner_id, kind: rows[0].kind } : null;
}
