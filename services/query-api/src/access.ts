import type { RequestHandler } from 'express';
import { waitForPositions, type Pool, type Runtime } from '@groupchat/shared';

export type Role = 'owner' | 'admin' | 'moderator' | 'member';

/** The groups the caller belongs to, with their role: what search filters on and results are marked with. */
export async function membershipsOf(pool: Pool, userId: string): Promise<Map<string, Role>> {
  const { rows } = await pool.query<{ group_id: string; role: Role }>('SELECT group_id, role FROM memberships WHERE user_id = $1', [userId]);
  return new Map(rows.map((r) => [r.group_id, r.role]));
}

/** Read-your-writes: the request waits, bounded, until the read models hold the positions the caller passed. */
export function readYourWrites(rt: Runtime): RequestHandler {
  return async (req, _res, next) => {
    await waitForPositions(rt.pool, req.minPositions, { timeoutMs: rt.config.MIN_POSITION_WAIT_MS });
    next();
  };
}
