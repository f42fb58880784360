import type { Attachment, AttachmentKind } from '@groupchat/schemas';
import { invalid, type Pool } from '@groupchat/shared';

interface MediaRow {
  media_id: string;
  kind: AttachmentKind;
  content_type: string;
  size: number;
  file_name: string | null;
  width: number | null;
  height: number | null;
  duration_ms: number | null;
  thumbnail_media_id: string | null;
}

/** Attachments are the sender's own uploads, copied into the event so the log is self-contained. */
export async function resolveAttachments(pool: Pool, ownerId: string, mediaIds: string[]): Promise<Attachment[]> {
  if (!mediaIds.length) return [];
  const { rows } = await pool.query<MediaRow>(
    `SELECT media_id, kind, content_type, size, file_name, width, height, duration_ms, thumbnail_media_id
       FROM media WHERE media_id = ANY($1) AND owner_id = $2`,
    [mediaIds, ownerId],
  );
  const byId = new Map(rows.map((r) => [r.media_id, r]));
  const missing = mediaIds.flatMap((id, i) => (byId.has(id) ? [] : [{ field: `attachments.${i}`, message: 'no such upload of yours' }]));
  if (missing.length) throw invalid(missing);
  return mediaIds.map((id) => {
    const r = byId.get(id)!;
    return {
      mediaId: r.media_id,
      kind: r.kind,
      contentType: r.content_type,
      size: Number(r.size),
      fileName: r.file_name,
      width: r.width,
      height: r.height,
      durationMs: r.duration_ms === null ? null : Number(r.duration_ms),
      thumbnailMediaId: r.thumbnail_media_id,
    };
  });
}

export async function markAttached(pool: Pool, mediaIds: string[]): Promise<void> {
  if (mediaIds.length) await pool.query('UPDATE media SET attached_at = coalesce(attached_at, now()) WHERE media_id = ANY($1)', [mediaIds]);
}
