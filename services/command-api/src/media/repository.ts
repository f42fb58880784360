import type { Pool, PoolClient } from '@groupchat/shared';
import type { MediaKind } from './types';

export interface MediaRecord {
  mediaId: string;
  ownerId: string;
  kind: MediaKind;
  contentType: string;
  size: number;
  width: number | null;
  height: number | null;
  durationMs: number | null;
  thumbnailMediaId: string | null;
  fileName: string | null;
  storageKey: string;
  createdAt: Date;
  attachedAt: Date | null;
}

const COLUMNS = `media_id AS "mediaId", owner_id AS "ownerId", kind, content_type AS "contentType", size, width, height,
  duration_ms AS "durationMs", thumbnail_media_id AS "thumbnailMediaId", file_name AS "fileName", storage_key AS "storageKey",
  created_at AS "createdAt", attached_at AS "attachedAt"`;

export type NewMedia = Omit<MediaRecord, 'createdAt' | 'attachedAt'>;

export async function insertMedia(client: Pool | PoolClient, m: NewMedia): Promise<void> {
  await client.query(
    `INSERT INTO media (media_id, owner_id, kind, content_type, size, width, height, duration_ms, thumbnail_media_id, file_name, storage_key)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [m.mediaId, m.ownerId, m.kind, m.contentType, m.size, m.width, m.height, m.durationMs, m.thumbnailMediaId, m.fileName, m.storageKey],
  );
}

export async function findMedia(pool: Pool, mediaId: string): Promise<MediaRecord | undefined> {
  const { rows } = await pool.query<MediaRecord>(`SELECT ${COLUMNS} FROM media WHERE media_id = $1`, [mediaId]);
  return rows[0];
}

/** The upload a thumbnail was made for, if `mediaId` is a thumbnail. */
export async function findParent(pool: Pool, thumbnailId: string): Promise<MediaRecord | undefined> {
  const { rows } = await pool.query<MediaRecord>(`SELECT ${COLUMNS} FROM media WHERE thumbnail_media_id = $1 LIMIT 1`, [thumbnailId]);
  return rows[0];
}
