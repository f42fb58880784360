import { PreviewUnavailable } from './errors';
import { safeFetch, type FetchPolicy } from './fetcher';
import { readPageMeta } from './html';
import { withOembed } from './oembed';

export interface Unfurled {
  title: string | null;
  description: string | null;
  siteName: string;
  /** Where the preview image is, absolute; fetched later through the same fetcher. */
  imageSource: string | null;
}

export interface UnfurlLimits {
  maxHtmlBytes: number;
  signal: AbortSignal;
}

const clip = (s: string | undefined, n: number) => (s ? (s.length > n ? `${s.slice(0, n - 1)}…` : s) : null);

/** The preview of one page: only text/html is parsed; a page with neither title nor description has none. */
export async function unfurl(url: URL, limits: UnfurlLimits, policy: FetchPolicy): Promise<Unfurled> {
  const page = await safeFetch(url, { accept: 'text/html,application/xhtml+xml;q=0.9', maxBytes: limits.maxHtmlBytes, signal: limits.signal }, policy);
  const [type, ...params] = page.contentType.split(';').map((p) => p.trim());
  if (type !== 'text/html' && type !== 'application/xhtml+xml') {
    page.body.destroy();
    throw new PreviewUnavailable(`a ${type || 'typeless'} response has no preview`);
  }
  const charset = params.find((p) => p.startsWith('charset='))?.slice(8) ?? 'utf-8';
  const own = await readPageMeta(page.body, charset.replace(/"/g, ''));
  page.body.destroy();
  const meta = await withOembed(own, page.url, limits.signal, policy);
  if (!meta.title && !meta.description) throw new PreviewUnavailable('the page has no title or description');
  return {
    title: clip(meta.title, 300),
    description: clip(meta.description, 1000),
    siteName: clip(meta.siteName, 100) ?? page.url.hostname,
    imageSource: absoluteHttp(meta.image, page.url),
  };
}

function absoluteHttp(href: string | undefined, base: URL): string | null {
  if (!href) return null;
  try {
    const u = new URL(href, base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}
