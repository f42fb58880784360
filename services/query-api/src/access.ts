import type { RequestHandler } from 'express';
import type { Role } from '@groupchat/schemas';
import { waitForPositions, type Pool, type Runtime } from '@groupchat/shared';
import { searchError } from './search-index';

export type { Role };

/** The groups the caller belongs to, with their role: what search filters on and results are marked with. */
export async function membershipsOf(pool: Pool, userId: string): Promise<Map<string, Role>> {
  const { rows } = await pool.query<{ group_id: string; role: Role }>('SELECT group_id, role FROM memberships WHERE user_id = $1', [userId]);
  return new Map(rows.map((r) => [r.group_id, r.role]));
}

/**
 * Read-your-writes: the request waits, bounded, until the read models hold the positions the
 * caller passed. Search routes also wait for the Elasticsearch projections, then refresh the
 * index once, because an acknowledged write only becomes searchable at the next refresh.
 */
export function readYourWrites(rt: Runtime, searchIndex?: string): RequestHandler {
  return async (req, _res, next) => {
    if (!req.minPositions.length) return next();
    const timeoutMs = rt.config.MIN_POSITION_WAIT_MS;
    await Promise.all([
      waitForPositions(rt.pool, req.minPositions, { timeoutMs }),
      searchIndex &&
        waitForPositions(rt.pool, req.minPositions, { timeoutMs, storage: 'elasticsearch' }).then(() =>
          rt.es.indices.refresh({ index: searchIndex }).catch((err: unknown) => Promise.reject(searchError(err))),
        ),
    ]);
    next();
  };
}
