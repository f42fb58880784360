import { withTransaction, type Logger, type Pool } from '@groupchat/shared';
import type { MediaStore } from '../media/store';

/** An expired entry stays this long, so image URLs handed out with it keep working a while. */
export const SWEEP_GRACE_SECONDS = 24 * 3600;
const SWEEP_INTERVAL_MS = 3600_000;

/**
 * Removes cache entries expired for longer than the grace period, and their stored images:
 * a URL nobody asks for again would otherwise keep its row and image for ever. Claims are
 * left alone, and rows another instance holds are skipped, so every instance may run it.
 */
export async function sweepExpiredPreviews(pool: Pool, store: MediaStore, log: Logger, graceSeconds = SWEEP_GRACE_SECONDS, batch = 200): Promise<number> {
  let removed = 0;
  for (;;) {
    const rows = await withTransaction(pool, async (client) => {
      const { rows } = await client.query<{ image_key: string | null }>(
        `WITH doomed AS (
           SELECT url FROM link_previews
            WHERE state <> 'pending' AND expires_at < now() - make_interval(secs => $1)
            LIMIT $2 FOR UPDATE SKIP LOCKED)
         DELETE FROM link_previews p USING doomed WHERE p.url = doomed.url RETURNING p.image_key`,
        [graceSeconds, batch],
      );
      return rows;
    });
    for (const { image_key: key } of rows) {
      if (key) await store.delete(key).catch((err: unknown) => log.warn({ err, key }, 'could not delete an expired preview image; its row is gone'));
    }
    removed += rows.length;
    if (rows.length < batch) return removed;
  }
}

export function startPreviewSweeper(pool: Pool, store: MediaStore, log: Logger) {
  let running: Promise<unknown> | undefined;
  const timer = setInterval(() => {
    running ??= sweepExpiredPreviews(pool, store, log)
      .then((n) => n && log.info({ removed: n }, 'removed expired link previews'))
      .catch((err: unknown) => log.warn({ err }, 'sweeping link previews failed; will retry'))
      .finally(() => (running = undefined));
  }, SWEEP_INTERVAL_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
