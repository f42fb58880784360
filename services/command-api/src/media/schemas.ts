import { z } from 'zod';
import type { MediaKind } from './types';

/** What can be a media id in a path; anything else is unknown (404). */
export const MediaId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

const kind = z.enum(['image', 'video', 'audio', 'file']) satisfies z.ZodType<MediaKind>;

export const MediaUploaded = z.object({
  mediaId: z.string(),
  kind,
  contentType: z.string(),
  size: z.int(),
  width: z.int().optional(),
  height: z.int().optional(),
  durationMs: z.int().optional(),
  fileName: z.string().optional(),
  url: z.string().describe('a signed URL of the bytes, usable in <img>/<video> until urlExpiresAt'),
  thumbnailMediaId: z.string().optional(),
  thumbnailUrl: z.string().optional(),
  urlExpiresAt: z.string().meta({ format: 'date-time' }),
});

export const MediaLinks = z.object({ url: z.string(), thumbnailUrl: z.string().optional(), expiresAt: z.string().meta({ format: 'date-time' }) });

/** The multipart body of an upload: one file field. */
export const MediaUpload = z.object({ file: z.string().meta({ format: 'binary' }) });
