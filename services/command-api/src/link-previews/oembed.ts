import { safeFetch, type FetchPolicy } from './fetcher';
import type { PageMeta } from './html';

const MAX_OEMBED_BYTES = 64 * 1024;

/**
 * What a page's oEmbed document adds where its own tags are silent (video and photo sites
 * often keep their title and thumbnail there). Fetched through the same checks as the page;
 * any failure leaves the page's metadata as it was.
 */
export async function withOembed(meta: PageMeta, base: URL, signal: AbortSignal, policy: FetchPolicy): Promise<PageMeta> {
  if (!meta.oembed || (meta.title && meta.image)) return meta;
  try {
    const res = await safeFetch(new URL(meta.oembed, base), { accept: 'application/json', maxBytes: MAX_OEMBED_BYTES, signal }, policy);
    const chunks: Buffer[] = [];
    for await (const chunk of res.body) chunks.push(chunk as Buffer);
    const doc = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
    const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
    return {
      ...meta,
      title: meta.title ?? text(doc.title),
      description: meta.description ?? text(doc.author_name),
      siteName: meta.siteName ?? text(doc.provider_name),
      image: meta.image ?? text(doc.thumbnail_url),
    };
  } catch {
    return meta;
  }
}
