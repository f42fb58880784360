import { notFound, type Pool } from '@groupchat/shared';
import type { Role } from '../access';
import { encodeCursor } from '../paging';

const RANK = `array_position(ARRAY['owner','admin','moderator','member'], m.role)`;

export interface MembersPage {
  items: { userId: string; username: string | null; displayName: string | null; avatarMediaId: string | null; role: Role; joinedAt: string }[];
  nextCursor: string | null;
}

/**
 * Members by role (owner first), then username, in keyset pages. The access rule sits in
 * the SQL (`group_access`): a private group's member list is only read for a member, and an unknown or hidden
 * group yields no row at all (404).
 */
export async function membersOf(pool: Pool, groupId: string, callerId: string, after: unknown[] | undefined, limit: number): Promise<MembersPage> {
  const [rank, username, userId] = after ?? [null, null, null];
  const { rows } = await pool.query<{
    user_id: string | null;
    role: Role;
    joined_at: Date;
    rank: number;
    username: string | null;
    display_name: string | null;
    avatar_media_id: string | null;
  }>(
    `WITH grp AS (
       SELECT a.group_id FROM group_access($1, $2) a WHERE a.can_read
     ), page AS (
       SELECT m.user_id, m.role, m.joined_at, ${RANK} AS rank, u.username, u.display_name, u.avatar_media_id
         FROM memberships m
         JOIN grp ON grp.group_id = m.group_id
         LEFT JOIN users u ON u.user_id = m.user_id
        WHERE $3::int IS NULL OR (${RANK}, coalesce(u.username, ''), m.user_id) > ($3::int, $4::text, $5::text)
        ORDER BY ${RANK}, coalesce(u.username, ''), m.user_id
        LIMIT $6
     )
     SELECT page.* FROM grp LEFT JOIN page ON true ORDER BY page.rank, coalesce(page.username, ''), page.user_id`,
    [groupId, callerId, typeof rank === 'number' ? rank : null, String(username ?? ''), String(userId ?? ''), limit + 1],
  );
  if (!rows.length) throw notFound('group');
  const members = rows.filter((r) => r.user_id !== null);
  const page = members.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      userId: r.user_id!,
      username: r.username,
      displayName: r.display_name,
      avatarMediaId: r.avatar_media_id,
      role: r.role,
      joinedAt: r.joined_at.toISOString(),
    })),
    nextCursor: members.length > limit && last ? encodeCursor('members', [last.rank, last.username ?? '', last.user_id]) : null,
  };
}
