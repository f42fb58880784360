import type { Logger, Pool } from '@groupchat/shared';
import { findParent, type MediaRecord } from './repository';

/**
 * Who may see an upload: its uploader; anyone who may see a message carrying it (a public
 * group, or a member of a private one); any signed-in user when it is someone's avatar.
 * A thumbnail is visible exactly when the upload it was made for is.
 *
 * Only the uploader's own messages can carry an upload (the command-api attaches uploads of
 * the sender only), which keeps the search to that sender's messages.
 */
export async function canView(pool: Pool, log: Logger, media: MediaRecord, userId: string): Promise<boolean> {
  const principal = (await findParent(pool, media.mediaId)) ?? media;
  if (principal.ownerId === userId) return true;
  try {
    const { rows } = await pool.query<{ visible: boolean }>(
      `SELECT EXISTS (
                SELECT 1 FROM messages m JOIN groups g ON g.group_id = m.group_id
                 WHERE m.sender_id = $2 AND NOT m.deleted AND NOT g.deleted
                   AND m.attachments <> '[]'::jsonb
                   AND m.attachments @> jsonb_build_array(jsonb_build_object('mediaId', $1::text))
                   AND (g.visibility = 'public'
                        OR EXISTS (SELECT 1 FROM memberships ms WHERE ms.group_id = m.group_id AND ms.user_id = $3)))
           OR EXISTS (SELECT 1 FROM users u WHERE u.avatar_media_id = $1) AS visible`,
      [principal.mediaId, principal.ownerId, userId],
    );
    return rows[0]?.visible === true;
  } catch (err) {
    // Before the projectors have created their views nothing is shared yet: only the uploader sees.
    if ((err as { code?: string }).code === '42P01') {
      log.warn({ err }, 'read-model views missing; media visible to uploaders only');
      return false;
    }
    throw err;
  }
}
