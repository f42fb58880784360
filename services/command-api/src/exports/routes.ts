import { randomUUID } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { AppError, notFound, waitForPositions, type Pool } from '@groupchat/shared';
import type { CommandContext } from '../http/context';
import { byUser, limiter, MINUTE } from '../http/rate-limits';
import type { CommandRoutes } from '../http/routes';
import type { MediaStore } from '../media/store';
import { ExportWorker } from './worker';

/** Exports a user may ask for per day: each reads all of their data. */
const EXPORTS_PER_DAY = 5;

export const ExportStatus = z.object({
  exportId: z.string(),
  status: z.enum(['queued', 'running', 'ready', 'failed', 'expired']),
  progress: z.object({ done: z.int(), total: z.int().describe('0 until the export has counted what it will write') }),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  expiresAt: z.string().nullable().describe('after this the file is deleted; ask for a new export'),
  size: z.int().nullable().describe('bytes of the zip, once ready'),
  downloadUrl: z.string().nullable().describe('GET it with the access token, once ready'),
  error: z.string().nullable(),
});
type ExportStatus = z.infer<typeof ExportStatus>;

interface Row {
  export_id: string;
  status: ExportStatus['status'];
  done: number;
  total: number;
  created_at: Date;
  finished_at: Date | null;
  expires_at: Date | null;
  size: string | null;
  storage_key: string | null;
  error: string | null;
}

const statusOf = (r: Row): ExportStatus => ({
  exportId: r.export_id,
  status: r.status,
  progress: { done: r.done, total: r.total },
  createdAt: r.created_at.toISOString(),
  finishedAt: r.finished_at?.toISOString() ?? null,
  expiresAt: r.expires_at?.toISOString() ?? null,
  size: r.size === null ? null : Number(r.size),
  downloadUrl: r.status === 'ready' ? '/api/v1/me/export/download' : null,
  error: r.error,
});

async function latest(pool: Pool, userId: string): Promise<Row | undefined> {
  const { rows } = await pool.query<Row>('SELECT * FROM data_exports WHERE user_id = $1 ORDER BY created_at DESC LIMIT 1', [userId]);
  return rows[0];
}

/** POST /me/export, GET /me/export and its download (docs/privacy.md, "Your data"). */
export function dataExportRoutes(routes: CommandRoutes, ctx: CommandContext, store: MediaStore): { close(): Promise<void> } {
  const { pool, log } = ctx.rt;
  const worker = new ExportWorker(pool, store, log).start();
  const perDay = limiter({ windowMs: 24 * 60 * MINUTE, limit: EXPORTS_PER_DAY, key: (req) => `export:${byUser(req)}` });

  routes.add(
    {
      method: 'post',
      path: '/me/export',
      summary: 'Ask for a zip of all my data (made in the background)',
      description: `Profile, memberships, every message I sent that is not deleted (by conversation), my reactions and my uploads, as JSON files plus the uploaded files. Answers 202 with the export's status; while one is queued or running, asking again answers that one. Follow it with GET /me/export. At most ${EXPORTS_PER_DAY} a day. Pass X-Min-Position to include your latest writes. Not a log write: no position.`,
      auth: true,
      success: { status: 202, description: 'queued (or the one already under way)', name: 'DataExportStatus', schema: ExportStatus },
      errors: [429],
    },
    ctx.auth,
    async (req, res, next) => {
      const open = await latest(pool, req.user!.sub);
      if (open && (open.status === 'queued' || open.status === 'running')) return void res.status(202).json(statusOf(open));
      perDay(req, res, next);
    },
    async (req, res) => {
      // Read-your-writes: what the caller did before asking is in the export.
      await waitForPositions(pool, req.minPositions, { timeoutMs: ctx.rt.config.MIN_POSITION_WAIT_MS });
      const { rows } = await pool.query<Row>(`INSERT INTO data_exports (export_id, user_id) VALUES ($1, $2) RETURNING *`, [randomUUID(), req.user!.sub]);
      worker.kick();
      res.status(202).json(statusOf(rows[0]!));
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/me/export',
      summary: 'The status of my latest data export, with its progress',
      auth: true,
      success: { status: 200, description: 'the latest export', name: 'DataExportStatus', schema: ExportStatus },
      errors: [404],
    },
    ctx.auth,
    async (req, res) => {
      const row = await latest(pool, req.user!.sub);
      if (!row) throw notFound('data export');
      res.json(statusOf(row));
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/me/export/download',
      summary: 'Download my latest data export (application/zip), once ready',
      auth: true,
      success: { status: 200, description: 'the zip' },
      errors: [404, 409],
    },
    ctx.auth,
    async (req, res) => {
      const row = await latest(pool, req.user!.sub);
      if (!row || row.status === 'expired' || row.status === 'failed') throw notFound('data export');
      if (row.status !== 'ready') throw new AppError(409, 'export_not_ready', 'the export is not ready yet; see GET /me/export for its progress');
      const body = await store.get(row.storage_key!);
      res.setHeader('content-type', 'application/zip');
      res.setHeader('content-length', String(row.size));
      res.setHeader('content-disposition', `attachment; filename="groupchat-data-${row.created_at.toISOString().slice(0, 10)}.zip"`);
      res.setHeader('cache-control', 'private, no-store');
      await pipeline(body, res);
    },
  );

  return { close: () => worker.close() };
}
