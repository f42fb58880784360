import { AppError, forbidden, notFound, type Pool } from '@groupchat/shared';

const UNDEFINED_TABLE = '42P01';
const CODE = /^[A-Za-z0-9_-]{1,64}$/;

interface LinkRow {
  code: string;
  group_id: string;
  created_by: string;
  created_at: Date;
  expires_at: Date | null;
  max_uses: number | null;
  uses: number;
  revoked: boolean;
}

/** The `invite-links` view; no rows while it does not exist yet (the first build after an upgrade). */
async function links(pool: Pool, where: string, value: string): Promise<LinkRow[]> {
  try {
    const { rows } = await pool.query<LinkRow>(
      `SELECT code, group_id, created_by, created_at, expires_at, max_uses, uses, revoked FROM invite_links WHERE ${where} = $1 ORDER BY created_at DESC LIMIT 500`,
      [value],
    );
    return rows;
  } catch (e) {
    if ((e as { code?: string }).code === UNDEFINED_TABLE) return [];
    throw e;
  }
}

const iso = (d: Date | null) => d?.toISOString() ?? null;
const works = (l: LinkRow) => !l.revoked && (l.expires_at === null || l.expires_at.getTime() > Date.now()) && (l.max_uses === null || l.uses < l.max_uses);

/** A group's invite links, newest first, for its moderators and up (404 for those who cannot see it, 403 below moderator). */
export async function inviteLinksOf(pool: Pool, groupId: string, callerId: string, origin: string) {
  const { rows: access } = await pool.query<{ can_see: boolean; can_moderate: boolean }>('SELECT can_see, can_moderate FROM group_access($1, $2)', [
    groupId,
    callerId,
  ]);
  if (!access[0]?.can_see) throw notFound('group');
  if (!access[0].can_moderate) throw forbidden('only moderators and above see the invite links', 'not_a_moderator');
  return {
    items: (await links(pool, 'group_id', groupId)).map((l) => ({
      code: l.code,
      url: `${origin}/invite/${l.code}`,
      createdBy: l.created_by,
      createdAt: l.created_at.toISOString(),
      expiresAt: iso(l.expires_at),
      maxUses: l.max_uses,
      uses: l.uses,
      revoked: l.revoked,
      works: works(l),
    })),
  };
}

/**
 * What a link leads to, for "Join <group>?" before joining. Unknown, revoked, expired and
 * used-up links answer the same 404 `invite_link_invalid`, so a code's history is not told.
 */
export async function inviteLinkPreview(pool: Pool, code: string, callerId: string) {
  const invalid = new AppError(404, 'invite_link_invalid', 'this invite link does not exist or no longer works');
  if (!CODE.test(code)) throw invalid;
  const link = (await links(pool, 'code', code))[0];
  if (!link || !works(link)) throw invalid;
  const { rows } = await pool.query<{ name: string; description: string; member_count: number; visibility: 'public' | 'private'; role: string | null }>(
    `SELECT g.name, g.description, g.member_count, g.visibility, m.role
       FROM groups g LEFT JOIN memberships m ON m.group_id = g.group_id AND m.user_id = $2
      WHERE g.group_id = $1 AND NOT g.deleted`,
    [link.group_id, callerId],
  );
  const g = rows[0];
  if (!g) throw invalid;
  return {
    code,
    groupId: link.group_id,
    name: g.name,
    description: g.description,
    memberCount: g.member_count,
    visibility: g.visibility,
    expiresAt: iso(link.expires_at),
    isMember: g.role !== null,
  };
}
