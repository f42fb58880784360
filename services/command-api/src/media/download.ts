import type { Request, Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { AppError, notFound } from '@groupchat/shared';
import type { MediaRecord } from './repository';
import { MediaObjectMissing, type ByteRange, type MediaStore } from './store';

const INLINE_KINDS = new Set(['image', 'video', 'audio']);

/**
 * Sends one stored object with headers that keep it from being taken for anything else: the
 * sniffed type with nosniff, `attachment` for everything that is not image, video or audio,
 * a sandboxing CSP for direct navigation, conditional requests and byte ranges.
 */
export async function sendMedia(req: Request, res: Response, media: MediaRecord, store: MediaStore, cacheSeconds: number): Promise<void> {
  const etag = `"${media.mediaId}"`;
  const validators = {
    'Cache-Control': `private, max-age=${cacheSeconds}`,
    Vary: 'Authorization',
    ETag: etag,
    'Last-Modified': new Date(media.createdAt).toUTCString(),
  };
  if (matchesEtag(req.get('if-none-match'), etag)) {
    res.set(validators).status(304).end();
    return;
  }
  const ifRange = req.get('if-range');
  const range = ifRange && ifRange !== etag ? undefined : parseRange(req.get('range'), media.size);
  if (range === 'unsatisfiable') {
    res.setHeader('Content-Range', `bytes */${media.size}`);
    throw new AppError(416, 'range_not_satisfiable', `the media has ${media.size} bytes`);
  }
  const headers: Record<string, string> = {
    ...validators,
    'Content-Type': media.contentType,
    'X-Content-Type-Options': 'nosniff',
    'Content-Disposition': contentDisposition(INLINE_KINDS.has(media.kind) ? 'inline' : 'attachment', media),
    'Content-Security-Policy':
      "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; sandbox",
    'Accept-Ranges': 'bytes',
    'Content-Length': String(range ? range.end - range.start + 1 : media.size),
  };
  if (range) headers['Content-Range'] = `bytes ${range.start}-${range.end}/${media.size}`;
  if (req.method === 'HEAD') {
    res
      .set(headers)
      .status(range ? 206 : 200)
      .end();
    return;
  }
  try {
    const body = await store.get(media.storageKey, range);
    res.set(headers).status(range ? 206 : 200);
    await pipeline(body, res);
  } catch (err) {
    if (res.headersSent) {
      req.log?.warn({ err, mediaId: media.mediaId }, 'media download broken off');
      res.destroy();
      return;
    }
    for (const name of Object.keys(headers)) res.removeHeader(name);
    if (err instanceof MediaObjectMissing) {
      req.log?.error({ mediaId: media.mediaId, key: media.storageKey }, 'media row without its stored object');
      throw notFound('media');
    }
    throw err;
  }
}

/** One range of `bytes=`; several ranges, or a malformed header, get the whole object (RFC 9110 allows ignoring Range). */
export function parseRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | undefined {
  if (!header) return undefined;
  const m = /^bytes=(\d{0,15})-(\d{0,15})$/.exec(header.trim());
  if (!m || (!m[1] && !m[2])) return undefined;
  if (!m[1]) {
    const suffix = Number(m[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] ? Math.min(Number(m[2]), size - 1) : size - 1;
  if (start >= size) return 'unsatisfiable';
  if (end < start) return undefined;
  return { start, end };
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const v = t.trim().replace(/^W\//, '');
    return v === '*' || v === etag;
  });
}

/** RFC 6266: an ASCII fallback and the exact UTF-8 name. */
export function contentDisposition(type: 'inline' | 'attachment', media: Pick<MediaRecord, 'fileName' | 'mediaId' | 'contentType'>): string {
  const name = media.fileName ?? `${media.mediaId}${defaultExtension(media.contentType)}`;
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%;]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

function defaultExtension(contentType: string): string {
  const sub = contentType.split(';')[0]!.split('/')[1] ?? '';
  const map: Record<string, string> = {
    jpeg: '.jpg',
    png: '.png',
    gif: '.gif',
    webp: '.webp',
    avif: '.avif',
    mp4: '.mp4',
    webm: '.webm',
    mpeg: '.mp3',
    ogg: '.ogg',
    wav: '.wav',
    pdf: '.pdf',
    zip: '.zip',
    plain: '.txt',
  };
  return map[sub] ?? '';
}
