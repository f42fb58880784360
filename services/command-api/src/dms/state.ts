import type { Pool } from '@groupchat/shared';
import type { CredentialStore } from '../accounts/credentials';
import { loadGroup } from '../groups/state';
import type { DmState } from './decide';

/** What opening a direct conversation is decided on, from the groups read model and the accounts. */
export async function loadDmState(pool: Pool, credentials: CredentialStore, groupId: string, actorId: string, others: string[]): Promise<DmState> {
  const [group, members, invited, registered, sharing, blockedBy] = await Promise.all([
    loadGroup(pool, groupId),
    ids(pool, 'SELECT user_id AS id FROM memberships WHERE group_id = $1', [groupId]),
    ids(pool, 'SELECT user_id AS id FROM invites WHERE group_id = $1', [groupId]),
    Promise.all(others.map(async (id) => ((await credentials.isRegistered(id)) ? [id] : []))).then((found) => new Set(found.flat())),
    // Any group both belong to counts, a direct conversation too: someone who accepted once is no stranger.
    ids(
      pool,
      `SELECT DISTINCT o.user_id AS id
         FROM memberships me
         JOIN memberships o ON o.group_id = me.group_id AND o.user_id = ANY($2)
         JOIN groups g ON g.group_id = me.group_id AND NOT g.deleted
        WHERE me.user_id = $1`,
      [actorId, others],
    ),
    blockersOf(pool, actorId, others),
  ]);
  return { group, members, invited, registered, sharing, blockedBy };
}

async function ids(pool: Pool, sql: string, params: unknown[]): Promise<Set<string>> {
  const { rows } = await pool.query<{ id: string }>(sql, params);
  return new Set(rows.map((r) => r.id));
}

/** Which of `userIds` have blocked `userId` (docs/moderation.md). */
export function blockersOf(pool: Pool, userId: string, userIds: string[]): Promise<Set<string>> {
  return ids(pool, 'SELECT user_id AS id FROM blocks WHERE blocked_user_id = $1 AND user_id = ANY($2)', [userId, userIds]);
}
