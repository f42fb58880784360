import type { Pool } from '@groupchat/shared';

export interface DmPerson {
  id: string;
  username: string | null;
  displayName: string | null;
  avatarMediaId: string | null;
  status: 'member' | 'invited';
}

export interface DmListing {
  groupId: string;
  /** The caller's own standing: a member, or asked and not yet answered (a request). */
  status: 'member' | 'invited';
  invitedBy: string | null;
  /** Everyone else, in it (first) or asked; someone who left or declined is not listed. */
  others: DmPerson[];
  lastActivityAt: string;
  createdAt: string;
}

/**
 * The caller's direct conversations, those they are in and those they are asked to, most
 * recently active first. Which ones they may see is the access rule's (`group_access`), the
 * same that opens each conversation's history, members and media to them.
 */
export async function dmsOf(pool: Pool, callerId: string, limit: number): Promise<{ items: DmListing[] }> {
  const { rows } = await pool.query<{
    group_id: string;
    role: string | null;
    invited_by: string | null;
    others: DmPerson[];
    last_activity_at: Date;
    created_at: Date;
  }>(
    `WITH candidates AS (
       SELECT group_id FROM memberships WHERE user_id = $1
       UNION SELECT group_id FROM invites WHERE user_id = $1
     )
     SELECT g.group_id, a.role, inv.invited_by, g.last_activity_at, g.created_at,
            coalesce((SELECT json_agg(json_build_object('id', p.user_id, 'username', u.username, 'displayName', u.display_name,
                                                        'avatarMediaId', u.avatar_media_id, 'status', p.status) ORDER BY p.status = 'invited', u.username, p.user_id)
                        FROM (SELECT user_id, 'member' AS status FROM memberships WHERE group_id = g.group_id
                              UNION ALL
                              SELECT i.user_id, 'invited' FROM invites i
                               WHERE i.group_id = g.group_id
                                 AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.group_id = i.group_id AND m.user_id = i.user_id)) p
                        LEFT JOIN users u ON u.user_id = p.user_id
                       WHERE p.user_id <> $1), '[]') AS others
       FROM candidates c
       JOIN groups g ON g.group_id = c.group_id AND g.kind = 'direct'
       CROSS JOIN LATERAL group_access(g.group_id, $1) a
       LEFT JOIN invites inv ON inv.group_id = g.group_id AND inv.user_id = $1
      WHERE a.can_see
      ORDER BY g.last_activity_at DESC, g.group_id
      LIMIT $2`,
    [callerId, limit],
  );
  return {
    items: rows.map((r) => ({
      groupId: r.group_id,
      status: r.role ? 'member' : 'invited',
      invitedBy: r.role ? null : r.invited_by,
      others: r.others,
      lastActivityAt: r.last_activity_at.toISOString(),
      createdAt: r.created_at.toISOString(),
    })),
  };
}
