import { rm } from 'node:fs/promises';
import { Router, type Request, type Response } from 'express';
import type { z } from 'zod';
import { authenticate, notFound, TokenExpired, unauthorized, verifyAccessToken, type Config, type Logger, type Pool } from '@groupchat/shared';
import { uploadLimit } from '../http/rate-limits';
import { canView } from './access';
import { decodeSlots } from './decode-slots';
import { sendMedia } from './download';
import { ingest } from './ingest';
import { checkQuota, fileBytesAtLeast } from './quota';
import { findMedia, type MediaRecord } from './repository';
import { mediaUrl, type UrlSigner, type Variant } from './signed-url';
import { stageUpload } from './staging';
import { MediaId, type MediaLinks } from './schemas';
import type { MediaStore } from './store';
import type { MediaKind } from './types';

export interface MediaRouteDeps {
  config: Config;
  log: Logger;
  pool: Pool;
  store: MediaStore;
  signer: UrlSigner;
  tmpDir: string;
}

const CACHE_SECONDS = 24 * 3600;

export function mediaRouter(deps: MediaRouteDeps): Router {
  const { config, pool, store, signer } = deps;
  const limits: Record<MediaKind, number> = {
    image: config.MEDIA_MAX_IMAGE_BYTES,
    video: config.MEDIA_MAX_VIDEO_BYTES,
    audio: config.MEDIA_MAX_AUDIO_BYTES,
    file: config.MEDIA_MAX_FILE_BYTES,
  };
  const maxBytes = Math.max(...Object.values(limits));
  const quota = { bytesPerDay: config.MEDIA_DAILY_BYTES_PER_USER, filesPerDay: config.MEDIA_DAILY_FILES_PER_USER };
  const decode = decodeSlots({ concurrency: config.MEDIA_IMAGE_CONCURRENCY, queue: config.MEDIA_IMAGE_QUEUE });
  const router = Router();

  router.post('/media', authenticate(config), uploadLimit(config), async (req, res) => {
    const userId = req.user!.sub;
    const refuse = (err: unknown): never => {
      // The client may still be sending a body we will not read: close the connection after answering.
      if (!req.complete) res.setHeader('Connection', 'close');
      throw err;
    };
    await checkQuota(pool, userId, quota, fileBytesAtLeast(req.get('content-length'))).catch(refuse);
    const staged = await stageUpload(req, { tmpDir: deps.tmpDir, limitFor: (kind) => limits[kind], maxBytes }).catch(refuse);
    try {
      await checkQuota(pool, userId, quota, staged.size);
      const { media, thumbnail } = await ingest(staged, userId, { pool, store, maxImagePixels: config.MEDIA_MAX_IMAGE_PIXELS, decode, quota });
      const original = mediaUrl(signer, media.mediaId, 'original', userId);
      res.status(201).json({
        mediaId: media.mediaId,
        kind: media.kind,
        contentType: media.contentType,
        size: media.size,
        ...(media.width !== null ? { width: media.width, height: media.height } : {}),
        ...(media.durationMs !== null ? { durationMs: media.durationMs } : {}),
        ...(media.fileName ? { fileName: media.fileName } : {}),
        url: original.url,
        ...(thumbnail ? { thumbnailMediaId: thumbnail.mediaId, thumbnailUrl: mediaUrl(signer, media.mediaId, 'thumbnail', userId).url } : {}),
        urlExpiresAt: original.expiresAt.toISOString(),
      });
    } finally {
      await rm(staged.path, { force: true });
    }
  });

  router.get('/media/:id/links', authenticate(config), async (req, res) => {
    const media = await visibleMedia(req, req.user!.sub);
    const original = mediaUrl(signer, media.mediaId, 'original', req.user!.sub);
    res.setHeader('Cache-Control', 'no-store');
    res.json({
      url: original.url,
      ...(media.thumbnailMediaId ? { thumbnailUrl: mediaUrl(signer, media.mediaId, 'thumbnail', req.user!.sub).url } : {}),
      expiresAt: original.expiresAt.toISOString(),
    } satisfies z.input<typeof MediaLinks>);
  });

  const download = (variant: Variant) => async (req: Request, res: Response) => {
    const userId = viewer(req, res, variant);
    const media = await visibleMedia(req, userId);
    if (variant === 'original') return sendMedia(req, res, media, store, CACHE_SECONDS);
    const thumbnail = media.thumbnailMediaId ? await findMedia(pool, media.thumbnailMediaId) : undefined;
    if (!thumbnail) throw notFound('thumbnail');
    return sendMedia(req, res, thumbnail, store, CACHE_SECONDS);
  };
  router.get('/media/:id', download('original'));
  router.get('/media/:id/thumbnail', download('thumbnail'));

  /** Unknown and not-allowed look the same (404): the answer does not reveal that an id exists. */
  async function visibleMedia(req: Request, userId: string): Promise<MediaRecord> {
    const id = String(req.params.id);
    const media = MediaId.safeParse(id).success ? await findMedia(pool, id) : undefined;
    if (!media || !(await canView(pool, deps.log, media, userId))) throw notFound('media');
    return media;
  }

  /** A Bearer token, or the signed `token` of a media URL (for <img> and <video>, which send no headers). */
  function viewer(req: Request, res: Response, variant: Variant): string {
    const header = req.get('authorization');
    if (header) {
      const m = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header);
      let expired = false;
      try {
        if (m) return verifyAccessToken(config, m[1]!).sub;
      } catch (err) {
        expired = err instanceof TokenExpired;
      }
      res.setHeader('WWW-Authenticate', 'Bearer error="invalid_token"');
      throw expired ? unauthorized('access token expired', 'token_expired') : unauthorized('invalid access token', 'invalid_token');
    }
    const token = typeof req.query.token === 'string' ? req.query.token : undefined;
    if (!token) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      throw unauthorized();
    }
    const verdict = signer.verify(token, String(req.params.id), variant);
    if (verdict === 'expired') throw unauthorized('the media link has expired; ask for a new one at /api/v1/media/{id}/links', 'media_link_expired');
    if (verdict === 'invalid') throw unauthorized('the media link is not valid', 'media_link_invalid');
    return verdict.userId;
  }

  return router;
}
