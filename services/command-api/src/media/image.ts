import sharp, { type Sharp } from 'sharp';
import { AppError } from '@groupchat/shared';
import { corrupt, overLimit, refused } from './errors';
import type { MediaType } from './types';

export interface ImageOutput {
  path: string;
  width: number;
  height: number;
}

export interface ProcessedImage {
  main: ImageOutput;
  thumbnail: ImageOutput & { contentType: string };
}

export const THUMBNAIL_SIZE = 320;

// One libvips thread per image: images run in parallel only as far as decode-slots.ts admits
// them, and more threads than cores starve the event loop (a 30-upload flood on 2 cores held
// /healthz for up to 1.2 s with libvips' default of one thread per core, 0.26 s with one).
sharp.concurrency(1);

/**
 * Re-encodes the image (orientation applied, every metadata block — EXIF, GPS, XMP, comments —
 * left behind) and makes a WebP thumbnail. The pixel cap refuses decompression bombs before any
 * pixel is decoded.
 */
export async function processImage(src: string, type: MediaType, out: { main: string; thumbnail: string }, maxPixels: number): Promise<ProcessedImage> {
  const open = (animated: boolean, file = src) => sharp(file, { limitInputPixels: maxPixels, failOn: 'truncated', animated });
  try {
    const meta = await open(false).metadata();
    if (meta.format !== type.sharpFormat || (type.id === 'avif' && meta.compression !== 'av1'))
      throw refused(`the content is not a decodable ${type.contentType} image`);
    const pages = meta.pages ?? 1;
    const width = meta.width ?? 0;
    const pageHeight = meta.pageHeight ?? meta.height ?? 0;
    if (!width || !pageHeight) throw corrupt('the image has no dimensions');
    if (width * pageHeight * pages > maxPixels) throw overLimit(`images (width × height × frames, in pixels: ${width}×${pageHeight}×${pages})`, maxPixels);

    const animated = pages > 1;
    await encode(animated ? open(true) : open(false).rotate(), type).toFile(out.main);
    const main = await open(false, out.main).metadata();
    const thumb = await open(false, out.main)
      .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 75 })
      .toFile(out.thumbnail);
    return {
      main: { path: out.main, width: main.width!, height: main.pageHeight ?? main.height! },
      thumbnail: { path: out.thumbnail, width: thumb.width, height: thumb.height, contentType: 'image/webp' },
    };
  } catch (err) {
    if (!(err instanceof AppError) && err instanceof Error) {
      if (/pixel limit/i.test(err.message)) throw overLimit('images (in pixels)', maxPixels);
      throw corrupt(`the image could not be decoded: ${err.message.split('\n')[0]!.slice(0, 160)}`);
    }
    throw err;
  }
}

function encode(image: Sharp, type: MediaType): Sharp {
  switch (type.sharpFormat) {
    case 'jpeg':
      return image.jpeg({ quality: 88 });
    case 'png':
      return image.png();
    case 'gif':
      return image.gif();
    case 'webp':
      return image.webp({ quality: 88 });
    case 'heif':
      return image.avif({ quality: 60, effort: 2 });
    default:
      throw refused(`${type.contentType} is not an image`);
  }
}
