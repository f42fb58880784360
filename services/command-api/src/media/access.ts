import { retainedSql, type Logger, type Pool } from '@groupchat/shared';
import { findParent, type MediaRecord } from './repository';

/**
 * Who may see an upload: its uploader; anyone who may see a message carrying it (a public
 * group, or a member of a private one); any signed-in user when it is someone's avatar.
 * A thumbnail is visible exactly when the upload it was made for is.
 *
 * Only the uploader's own messages can carry an upload (the command-api attaches uploads of
 * the sender only), which keeps the search to that sender's messages. A message past its
 * group's retention (docs/privacy.md) no longer shares its uploads.
 */
export async function canView(pool: Pool, log: Logger, media: MediaRecord, userId: string): Promise<boolean> {
  const principal = (await findParent(pool, media.mediaId)) ?? media;
  if (principal.ownerId === userId) return true;
  try {
    const { rows } = await pool.query<{ visible: boolean }>(
      `SELECT EXISTS (
                SELECT 1 FROM messages m CROSS JOIN LATERAL group_access(m.group_id, $3) a
                 WHERE m.sender_id = $2 AND NOT m.deleted AND a.can_read AND ${retainedSql('m')}
                   AND m.attachments <> '[]'::jsonb
                   AND m.attachments @> jsonb_build_array(jsonb_build_object('mediaId', $1::text)))
           OR EXISTS (SELECT 1 FROM users u WHERE u.avatar_media_id = $1) AS visible`,
      [principal.mediaId, principal.ownerId, userId],
    );
    return rows[0]?.visible === true;
  } catch (err) {
    // Before the projectors have created their views nothing is shared yet: only the uploader sees.
    if (['42P01', '42883'].includes((err as { code?: string }).code ?? '')) {
      log.warn({ err }, 'read-model views missing; media visible to uploaders only');
      return false;
    }
    throw err;
  }
}
