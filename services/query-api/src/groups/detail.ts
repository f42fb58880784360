import { notFound, type Pool } from '@groupchat/shared';
import { GROUP_COLUMNS, groupDetail, type GroupRow } from './group-row';

/**
 * One group as the caller may see it. A private group exists only for its members and the
 * people invited to it (they must see what they are accepting); everyone else gets the same
 * 404 as for an unknown id, so private groups cannot be probed.
 */
export async function groupById(pool: Pool, groupId: string, callerId: string) {
  const { rows } = await pool.query<GroupRow & { invited: boolean }>(
    `SELECT ${GROUP_COLUMNS}, me.role AS my_role, (inv.user_id IS NOT NULL) AS invited
       FROM groups g
       LEFT JOIN memberships me ON me.group_id = g.group_id AND me.user_id = $2
       LEFT JOIN invites inv ON inv.group_id = g.group_id AND inv.user_id = $2
      WHERE g.group_id = $1 AND NOT g.deleted
        AND (g.visibility = 'public' OR me.user_id IS NOT NULL OR inv.user_id IS NOT NULL)`,
    [groupId, callerId],
  );
  if (!rows[0]) throw notFound('group');
  return groupDetail(rows[0]);
}
