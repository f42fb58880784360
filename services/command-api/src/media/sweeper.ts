import { withTransaction, type Logger, type Pool } from '@groupchat/shared';
import type { MediaStore } from './store';

export interface SweeperOptions {
  ttlSeconds: number;
  intervalSeconds: number;
}

/**
 * Removes uploads never attached to a message nor used as an avatar once they are older than
 * the TTL, with their thumbnails. Rows go first, in one transaction that skips rows another
 * instance (or a message being sent right now) holds; the objects follow. Safe to run on
 * every instance at once.
 */
export async function sweepUnattached(pool: Pool, store: MediaStore, log: Logger, ttlSeconds: number, batch = 200): Promise<number> {
  let removed = 0;
  for (;;) {
    const keys = await withTransaction(pool, async (client) => {
      const hasUsers = (await client.query<{ exists: boolean }>(`SELECT to_regclass('users') IS NOT NULL AS exists`)).rows[0]!.exists;
      const { rows } = await client.query<{ storage_key: string; thumbnail_media_id: string | null }>(
        `WITH doomed AS (
           SELECT p.media_id FROM media p
            WHERE p.attached_at IS NULL AND p.created_at < now() - make_interval(secs => $1)
              AND NOT EXISTS (SELECT 1 FROM media c WHERE c.thumbnail_media_id = p.media_id)
              ${hasUsers ? 'AND NOT EXISTS (SELECT 1 FROM users u WHERE u.avatar_media_id = p.media_id)' : ''}
            ORDER BY p.created_at
            LIMIT $2
              FOR UPDATE OF p SKIP LOCKED)
         DELETE FROM media m USING doomed
          WHERE m.media_id = doomed.media_id AND m.attached_at IS NULL
         RETURNING m.storage_key, m.thumbnail_media_id`,
        [ttlSeconds, batch],
      );
      const thumbnails = rows.map((r) => r.thumbnail_media_id).filter((id): id is string => id !== null);
      const thumbs = thumbnails.length
        ? (await client.query<{ storage_key: string }>('DELETE FROM media WHERE media_id = ANY($1) RETURNING storage_key', [thumbnails])).rows
        : [];
      return { done: rows.length < batch, keys: [...rows, ...thumbs].map((r) => r.storage_key) };
    });
    for (const key of keys.keys) {
      await store.delete(key).catch((err: unknown) => log.warn({ err, key }, 'could not delete an expired upload; its row is gone'));
    }
    removed += keys.keys.length;
    if (keys.done) return removed;
  }
}

export function startSweeper(pool: Pool, store: MediaStore, log: Logger, options: SweeperOptions) {
  let running: Promise<unknown> | undefined;
  const tick = () => {
    if (running) return;
    running = sweepUnattached(pool, store, log, options.ttlSeconds)
      .then((n) => n && log.info({ removed: n }, 'removed unattached uploads'))
      .catch((err: unknown) => log.warn({ err }, 'sweeping unattached uploads failed; will retry'))
      .finally(() => (running = undefined));
  };
  const timer = setInterval(tick, options.intervalSeconds * 1000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
