import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import sharp from 'sharp';
import type { DecodeSlots } from '../media/decode-slots';
import type { MediaStore } from '../media/store';
import { PreviewUnavailable } from './errors';
import { safeFetch, type FetchPolicy } from './fetcher';

export interface ImageLimits {
  maxBytes: number;
  maxPixels: number;
  signal: AbortSignal;
}

/** SVG is left out: it is a document that can reference other URLs, not a bitmap. */
const BITMAPS = new Set(['jpeg', 'png', 'webp', 'gif', 'avif', 'heif']);
export const PREVIEW_IMAGE_SIZE = 480;

/**
 * Fetches a preview image through the safe fetcher and stores a re-encoded copy (at most
 * 480 px, WebP, metadata dropped): the browser only ever loads our copy, never the original.
 */
export async function storePreviewImage(
  source: string,
  previewId: string,
  deps: { store: MediaStore; decode: DecodeSlots },
  limits: ImageLimits,
  policy: FetchPolicy,
) {
  const res = await safeFetch(
    source,
    { accept: 'image/avif,image/webp,image/png,image/jpeg,image/gif;q=0.8', maxBytes: limits.maxBytes, signal: limits.signal },
    policy,
  );
  if (!res.contentType.startsWith('image/') || res.contentType.startsWith('image/svg')) {
    res.body.destroy();
    throw new PreviewUnavailable(`the image is ${res.contentType || 'typeless'}`);
  }
  const chunks: Buffer[] = [];
  for await (const chunk of res.body) chunks.push(chunk as Buffer);
  const webp = await deps.decode.run(() => reencode(Buffer.concat(chunks), limits.maxPixels));
  const key = `link-previews/${previewId}-${randomBytes(4).toString('hex')}.webp`;
  await deps.store.put(key, Readable.from([webp]), 'image/webp');
  return key;
}

async function reencode(bytes: Buffer, maxPixels: number): Promise<Buffer> {
  const open = () => sharp(bytes, { limitInputPixels: maxPixels, failOn: 'truncated', animated: false });
  try {
    const meta = await open().metadata();
    if (!meta.format || !BITMAPS.has(meta.format)) throw new PreviewUnavailable(`the image is not a bitmap (${meta.format ?? 'unknown'})`);
    return await open().rotate().resize(PREVIEW_IMAGE_SIZE, PREVIEW_IMAGE_SIZE, { fit: 'inside', withoutEnlargement: true }).webp({ quality: 75 }).toBuffer();
  } catch (err) {
    if (err instanceof PreviewUnavailable) throw err;
    throw new PreviewUnavailable(`the image could not be decoded: ${(err as Error).message.split('\n')[0]!.slice(0, 120)}`);
  }
}
