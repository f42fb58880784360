import type { Pool } from '@groupchat/shared';
import { GROUP_COLUMNS, groupSummary, type GroupRow } from './group-row';

/**
 * Ranking weights: a shared interest counts most; people from the caller's own groups who
 * joined a group count with diminishing returns (the tenth such person matters less than the
 * first); size only breaks ties, so a newcomer with no interests and no groups still gets the
 * liveliest public groups.
 */
const W_INTEREST = 3;
const W_CO_MEMBERS = 2;
const W_SIZE = 0.25;

/**
 * Groups the caller has not joined, ranked by interest overlap and co-membership ("members of
 * your groups also joined …"). Private groups appear only when the caller holds an invite;
 * direct conversations never (their requests are in GET /dms).
 * One statement: the caller's interests, groups and peers are CTEs, not extra round trips.
 */
export async function recommendedFor(pool: Pool, callerId: string, limit: number) {
  const { rows } = await pool.query<GroupRow & { shared: string[]; co_members: number; score: number }>(
    `WITH me AS (
       SELECT coalesce((SELECT array_agg(DISTINCT lower(i)) FROM users u, unnest(u.interests) i WHERE u.user_id = $1), '{}') AS interests
     ), mine AS (
       SELECT group_id FROM memberships WHERE user_id = $1
     ), peers AS (
       SELECT DISTINCT m.user_id FROM memberships m JOIN mine USING (group_id) WHERE m.user_id <> $1
     ), co AS (
       SELECT m.group_id, count(DISTINCT m.user_id)::int AS co_members
         FROM memberships m JOIN peers USING (user_id)
        WHERE m.group_id NOT IN (SELECT group_id FROM mine)
        GROUP BY m.group_id
     ), candidates AS (
       SELECT ${GROUP_COLUMNS},
              ARRAY(SELECT i FROM unnest(g.interests) i WHERE lower(i) = ANY(me.interests)) AS shared,
              coalesce(co.co_members, 0) AS co_members
         FROM groups g
         CROSS JOIN me
         LEFT JOIN co ON co.group_id = g.group_id
         CROSS JOIN LATERAL group_access(g.group_id, $1) a
        WHERE a.can_join AND g.kind <> 'direct'
     )
     SELECT c.*, NULL AS my_role,
            (cardinality(c.shared) * $3 + ln(1 + c.co_members) * $4 + ln(1 + greatest(c.member_count, 0)) * $5)::float8 AS score
       FROM candidates c
      ORDER BY score DESC, c.last_activity_at DESC NULLS LAST, c.group_id
      LIMIT $2`,
    [callerId, limit, W_INTEREST, W_CO_MEMBERS, W_SIZE],
  );
  return {
    items: rows.map((r) => ({
      ...groupSummary(r),
      score: Math.round(r.score * 1000) / 1000,
      reasons: { sharedInterests: r.shared, membersFromYourGroups: r.co_members },
    })),
  };
}
