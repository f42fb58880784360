import type { Request, Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { notFound, type Pool } from '@groupchat/shared';
import { MediaObjectMissing, type MediaStore } from '../media/store';
import { findById } from './repository';
import { PreviewId } from './schemas';

/** Our stored copy of a preview image, with the headers media downloads get (nosniff, sandbox, private caching). */
export function sendPreviewImage(pool: Pool, store: MediaStore) {
  return async (req: Request, res: Response) => {
    const id = String(req.params.id);
    const row = PreviewId.safeParse(id).success ? await findById(pool, id) : undefined;
    if (!row?.imageKey) throw notFound('link preview image');
    const etag = `"${row.imageKey.split('/').pop()}"`;
    const headers = {
      'Cache-Control': 'private, max-age=86400',
      Vary: 'Authorization',
      ETag: etag,
      'Content-Type': 'image/webp',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
    };
    if (req.get('if-none-match') === etag) return void res.set(headers).status(304).end();
    try {
      const body = await store.get(row.imageKey);
      res.set(headers).status(200);
      await pipeline(body, res);
    } catch (err) {
      if (res.headersSent) return void res.destroy();
      if (err instanceof MediaObjectMissing) throw notFound('link preview image');
      throw err;
    }
  };
}
