import { notFound, type Pool } from '@groupchat/shared';

interface UserRow {
  user_id: string;
  username: string;
  email: string;
  display_name: string;
  bio: string | null;
  interests: string[] | null;
  avatar_media_id: string | null;
  created_at: Date;
  updated_at: Date;
}

const iso = (v: string | Date) => new Date(v).toISOString();

export function publicProfile(r: UserRow) {
  return {
    id: r.user_id,
    username: r.username,
    displayName: r.display_name,
    bio: r.bio,
    interests: r.interests ?? [],
    avatarMediaId: r.avatar_media_id,
    createdAt: r.created_at.toISOString(),
  };
}

export async function userById(pool: Pool, userId: string) {
  const { rows } = await pool.query<UserRow>('SELECT * FROM users WHERE user_id = $1', [userId]);
  if (!rows[0]) throw notFound('user');
  return publicProfile(rows[0]);
}

/** The caller's own profile with the groups they belong to and the invites waiting for them, in one statement; direct conversations are GET /dms. */
export async function me(pool: Pool, userId: string) {
  const { rows } = await pool.query<
    UserRow & {
      groups: { groupId: string; name: string; visibility: string; role: string; joinedAt: string }[];
      invites: { groupId: string; name: string; invitedBy: string; invitedAt: string }[];
    }
  >(
    `SELECT u.*,
            coalesce((SELECT json_agg(json_build_object('groupId', m.group_id, 'name', g.name, 'visibility', g.visibility, 'role', m.role, 'joinedAt', m.joined_at) ORDER BY m.joined_at, m.group_id)
                        FROM memberships m JOIN groups g ON g.group_id = m.group_id AND NOT g.deleted AND g.kind = 'group'
                       WHERE m.user_id = u.user_id), '[]') AS groups,
            coalesce((SELECT json_agg(json_build_object('groupId', i.group_id, 'name', g.name, 'invitedBy', i.invited_by, 'invitedAt', i.invited_at) ORDER BY i.invited_at, i.group_id)
                        FROM invites i JOIN groups g ON g.group_id = i.group_id AND NOT g.deleted AND g.kind = 'group'
                       WHERE i.user_id = u.user_id
                         AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.group_id = i.group_id AND m.user_id = i.user_id)), '[]') AS invites
       FROM users u WHERE u.user_id = $1`,
    [userId],
  );
  const r = rows[0];
  if (!r) throw notFound('user');
  return {
    ...publicProfile(r),
    email: r.email,
    updatedAt: r.updated_at.toISOString(),
    groups: r.groups.map((g) => ({ ...g, joinedAt: iso(g.joinedAt) })),
    invites: r.invites.map((i) => ({ ...i, invitedAt: iso(i.invitedAt) })),
  };
}
