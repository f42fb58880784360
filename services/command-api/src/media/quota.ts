import { AppError, type Pool, type PoolClient } from '@groupchat/shared';
import { formatBytes } from './errors';

export interface QuotaLimits {
  bytesPerDay: number;
  filesPerDay: number;
}

/** What one user stored in the last 24 hours, from the media table, so every instance sees the same. */
export interface Usage {
  files: number;
  bytes: number;
  /** Seconds until the oldest upload of the window leaves it and frees room. */
  freesInSeconds: number;
}

/**
 * Whether `bytes` more may be stored. Used up (no file or no byte left) is 429 with Retry-After:
 * waiting helps. A file bigger than what is left is 413: the same file may fit later, but the
 * client learns that this file, not the rate of requests, is the problem.
 */
export function judgeQuota(usage: Usage, limits: QuotaLimits, bytes: number): AppError | undefined {
  const retryAfter = Math.max(1, usage.freesInSeconds);
  if (usage.files >= limits.filesPerDay) return quotaUsedUp(`at most ${limits.filesPerDay} uploads per day`, retryAfter);
  const left = limits.bytesPerDay - usage.bytes;
  if (left <= 0) return quotaUsedUp(`at most ${formatBytes(limits.bytesPerDay)} of uploads per day`, retryAfter);
  if (bytes > left)
    return new AppError(
      413,
      'quota_exceeded',
      `this upload is larger than what is left of your daily upload quota (${formatBytes(left)} of ${formatBytes(limits.bytesPerDay)})`,
      { remainingBytes: left },
    );
  return undefined;
}

const quotaUsedUp = (what: string, retryAfter: number) => new AppError(429, 'quota_exceeded', `daily upload quota used up: ${what}`, { retryAfter });

/** Thumbnails count towards the bytes, not the files: the user uploaded one file. */
export async function usageOf(db: Pool | PoolClient, ownerId: string): Promise<Usage> {
  const { rows } = await db.query<{ files: number; bytes: string; frees: number | null }>(
    `SELECT count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM media p WHERE p.thumbnail_media_id = m.media_id))::int AS files,
            coalesce(sum(size), 0)::text AS bytes,
            ceil(extract(epoch FROM min(created_at) + interval '1 day' - now()))::int AS frees
       FROM media m
      WHERE owner_id = $1 AND created_at > now() - interval '1 day'`,
    [ownerId],
  );
  const row = rows[0]!;
  return { files: row.files, bytes: Number(row.bytes), freesInSeconds: row.frees ?? 0 };
}

/** Refuses (429 or 413) when `bytes` more would not fit; a query, no lock: the binding check is {@link holdQuota}. */
export async function checkQuota(db: Pool | PoolClient, ownerId: string, limits: QuotaLimits, bytes: number): Promise<void> {
  const refusal = judgeQuota(await usageOf(db, ownerId), limits, bytes);
  if (refusal) throw refusal;
}

/** The least the file of a multipart body of this Content-Length can weigh, to refuse before reading it. */
export function fileBytesAtLeast(contentLength: string | undefined): number {
  const length = Number(contentLength ?? 0);
  return Number.isSafeInteger(length) ? Math.max(0, length - MULTIPART_FRAMING) : 0;
}

/**
 * The binding check, in the transaction that inserts the rows: the per-user lock makes
 * concurrent uploads of one user, on any instance, count one after the other.
 */
export async function holdQuota(client: PoolClient, ownerId: string, limits: QuotaLimits, bytes: number): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`media-quota:${ownerId}`]);
  await checkQuota(client, ownerId, limits, bytes);
}

// Boundaries, part headers and a file name: generous, so that a file that fits is never refused early.
const MULTIPART_FRAMING = 64 * 1024;
