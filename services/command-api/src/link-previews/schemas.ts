import { z } from 'zod';
import { MAX_URL_LENGTH } from './target';

export const PreviewId = z.uuid();

export const PreviewQuery = z.object({
  url: z.string().min(1, 'must not be blank').max(MAX_URL_LENGTH, `must be at most ${MAX_URL_LENGTH} characters`).describe('the http(s) link to preview'),
});

export const LinkPreview = z.object({
  id: z.string().describe('the cache entry; its image is at imageUrl'),
  url: z.string().describe('the link, normalised (no fragment)'),
  title: z.string().nullable(),
  description: z.string().nullable(),
  siteName: z.string().describe('og:site_name, or the host name'),
  imageUrl: z.string().nullable().describe('our re-encoded copy of the image (GET with the access token); never the original URL'),
});
