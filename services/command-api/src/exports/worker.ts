import type { Logger, Pool } from '@groupchat/shared';
import type { MediaStore } from '../media/store';
import { writeExport } from './contents';
import { ZipWriter } from './zip-writer';

/** How long a finished export can be downloaded. */
export const EXPORT_TTL_MS = 7 * 24 * 3600_000;
/** A running export whose heartbeat is older than this is taken over (its instance stopped). */
const STALE_MS = 30_000;
const MAX_ATTEMPTS = 3;
const HEARTBEAT_MS = 500;

class Superseded extends Error {}

/**
 * Makes data exports in the background, one at a time per instance. Any instance may take any
 * queued export (SKIP LOCKED), so a restart or a stopped instance only delays one; a running
 * export beats its heartbeat with its progress, which the status route reads.
 */
export class ExportWorker {
  private timer?: NodeJS.Timeout;
  private busy: Promise<void> | null = null;
  private closing = false;

  constructor(
    private readonly pool: Pool,
    private readonly store: MediaStore,
    private readonly log: Logger,
    private readonly pollMs = 2000,
  ) {}

  start(): this {
    this.timer = setInterval(() => this.kick(), this.pollMs);
    this.timer.unref();
    this.kick();
    return this;
  }

  /** Looks for work now (after a new request) rather than at the next poll. */
  kick(): void {
    if (this.busy || this.closing) return;
    this.busy = this.drain()
      .catch((err: Error) => this.log.error({ err }, 'data export worker'))
      .finally(() => (this.busy = null));
  }

  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.timer);
    await this.busy;
  }

  private async drain(): Promise<void> {
    await this.sweep();
    for (;;) {
      if (this.closing) return;
      const job = await this.claim();
      if (!job) return;
      await this.run(job.export_id, job.user_id);
    }
  }

  private async claim(): Promise<{ export_id: string; user_id: string } | undefined> {
    const { rows } = await this.pool.query<{ export_id: string; user_id: string; attempts: number }>(
      `UPDATE data_exports SET status = 'running', heartbeat_at = now(), attempts = attempts + 1, done = 0
        WHERE export_id = (SELECT export_id FROM data_exports
                            WHERE status = 'queued' OR (status = 'running' AND heartbeat_at < now() - $1 * interval '1 millisecond')
                            ORDER BY created_at FOR UPDATE SKIP LOCKED LIMIT 1)
        RETURNING export_id, user_id, attempts`,
      [STALE_MS],
    );
    const job = rows[0];
    if (job && job.attempts > MAX_ATTEMPTS) {
      await this.finish(job.export_id, 'failed', { error: 'the export failed several times; ask for a new one' });
      return this.claim();
    }
    return job;
  }

  private async run(exportId: string, userId: string): Promise<void> {
    const key = `exports/${userId}/${exportId}.zip`;
    const zip = new ZipWriter();
    const stored = this.store.put(key, zip.stream, 'application/zip');
    let beat = 0;
    const tick = async (p: { done: number; total: number }) => {
      if (this.closing) throw new Superseded('shutting down');
      if (Date.now() - beat < HEARTBEAT_MS && p.done < p.total) return;
      beat = Date.now();
      const { rowCount } = await this.pool.query(
        `UPDATE data_exports SET done = $2, total = $3, heartbeat_at = now() WHERE export_id = $1 AND status = 'running'`,
        [exportId, p.done, p.total],
      );
      if (!rowCount) throw new Superseded('taken over');
    };
    try {
      const progress = await writeExport(this.pool, this.store, userId, zip, tick);
      zip.end();
      const object = await stored;
      await this.finish(exportId, 'ready', { key, size: object.size, done: progress.total, total: progress.total });
      this.log.info({ exportId, size: object.size, steps: progress.total }, 'data export ready');
    } catch (err) {
      zip.abort(err as Error);
      await stored.catch(() => undefined);
      await this.store.delete(key).catch(() => undefined);
      if (err instanceof Superseded) {
        // Shutting down: back in the queue for the next instance; taken over: the other one finishes it.
        if (this.closing) await this.pool.query(`UPDATE data_exports SET status = 'queued' WHERE export_id = $1 AND status = 'running'`, [exportId]);
        return;
      }
      this.log.error({ err, exportId }, 'data export failed');
      await this.finish(exportId, 'failed', { error: 'the export could not be made; ask for a new one' });
    }
  }

  private finish(exportId: string, status: 'ready' | 'failed', f: { key?: string; size?: number; done?: number; total?: number; error?: string }) {
    return this.pool.query(
      `UPDATE data_exports SET status = $2, storage_key = $3, size = $4, done = coalesce($5, done), total = coalesce($6, total), error = $7,
              finished_at = now(), expires_at = CASE WHEN $2 = 'ready' THEN now() + $8 * interval '1 millisecond' END
        WHERE export_id = $1`,
      [exportId, status, f.key ?? null, f.size ?? null, f.done ?? null, f.total ?? null, f.error ?? null, EXPORT_TTL_MS],
    );
  }

  /** Deletes the files of expired exports. */
  private async sweep(): Promise<void> {
    const { rows } = await this.pool.query<{ export_id: string; storage_key: string }>(
      `UPDATE data_exports SET status = 'expired' WHERE export_id IN (
         SELECT export_id FROM data_exports WHERE status = 'ready' AND expires_at < now() LIMIT 20 FOR UPDATE SKIP LOCKED)
       RETURNING export_id, storage_key`,
    );
    for (const r of rows) await this.store.delete(r.storage_key);
  }
}
