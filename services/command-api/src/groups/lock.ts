import { withTransaction, type Pool } from '@groupchat/shared';

/**
 * Runs membership changes of one group one at a time (across instances, via a Postgres
 * advisory lock held by an otherwise empty transaction). With the head wait, each sees the
 * previous one's effect, so two owners demoting each other at the same instant cannot leave
 * the group without an owner.
 */
export function withGroupLock<T>(pool: Pool, groupId: string, fn: () => Promise<T>): Promise<T> {
  return withTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 1))', [`group:${groupId}`]);
    return fn();
  });
}
