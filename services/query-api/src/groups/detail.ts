import { notFound, type Pool } from '@groupchat/shared';
import { GROUP_COLUMNS, groupDetail, type GroupRow } from './group-row';

/**
 * One group as the caller may see it. A private group exists only for its members and the
 * people invited to it (they must see what they are accepting); everyone else gets the same
 * 404 as for an unknown id, so private groups cannot be probed.
 */
export async function groupById(pool: Pool, groupId: string, callerId: string) {
  const { rows } = await pool.query<GroupRow & { invited: boolean }>(
    `SELECT ${GROUP_COLUMNS}, a.role AS my_role, a.invited
       FROM group_access($1, $2) a JOIN groups g ON g.group_id = a.group_id
      WHERE a.can_see`,
    [groupId, callerId],
  );
  if (!rows[0]) throw notFound('group');
  return groupDetail(rows[0]);
}
