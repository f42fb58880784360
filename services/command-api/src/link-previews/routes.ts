import { Router } from 'express';
import type { z } from 'zod';
import { AppError, authenticate, type Config, type Pool } from '@groupchat/shared';
import { byUser, limiter, MINUTE } from '../http/rate-limits';
import { parseInput } from '../http/validation';
import type { MediaStore } from '../media/store';
import { PreviewRefused } from './errors';
import { sendPreviewImage } from './image-route';
import type { PreviewRow } from './repository';
import { LinkPreview, PreviewQuery } from './schemas';
import type { PreviewService } from './service';

const refused = (reason: string) =>
  new AppError(422, 'link_preview_refused', `this link is not previewed: ${reason}`, { errors: [{ field: 'url', message: reason }] });
const none = (reason: string | null) => new AppError(404, 'no_link_preview', `this link has no preview${reason ? `: ${reason}` : ''}`);

/** GET /link-previews?url= and GET /link-previews/:id/image (relative to /api/v1), for signed-in users. */
export function linkPreviewRouter(deps: { config: Config; pool: Pool; store: MediaStore; previews: PreviewService }): Router {
  const { config } = deps;
  const router = Router();
  const auth = authenticate(config);
  const perUser = limiter({ windowMs: MINUTE, limit: config.LINK_PREVIEW_LIMIT, key: (req) => `link-preview:${byUser(req)}` });

  router.get('/link-previews', auth, perUser, async (req, res) => {
    const { url } = parseInput(PreviewQuery, { url: req.query.url });
    const row = await deps.previews.lookup(url).catch((err: unknown) => {
      throw err instanceof PreviewRefused ? refused(err.message) : err;
    });
    if (row.state === 'refused') throw refused(row.reason ?? 'the target is not allowed');
    if (row.state !== 'ready') throw none(row.reason);
    res.setHeader('Cache-Control', 'private, max-age=300');
    res.json(answer(row));
  });

  router.get('/link-previews/:id/image', auth, sendPreviewImage(deps.pool, deps.store));
  return router;
}

function answer(row: PreviewRow): z.input<typeof LinkPreview> {
  return {
    id: row.id,
    url: row.url,
    title: row.title,
    description: row.description,
    siteName: row.siteName ?? new URL(row.url).hostname,
    imageUrl: row.imageKey ? `/api/v1/link-previews/${row.id}/image` : null,
  };
}
