import { Parser } from 'htmlparser2';

export interface PageMeta {
  title?: string;
  description?: string;
  siteName?: string;
  image?: string;
  oembed?: string;
}

const FIELDS: Record<string, keyof PageMeta> = {
  'og:title': 'title',
  'twitter:title': 'title',
  'og:description': 'description',
  'twitter:description': 'description',
  description: 'description',
  'og:site_name': 'siteName',
  'og:image': 'image',
  'og:image:url': 'image',
  'og:image:secure_url': 'image',
  'twitter:image': 'image',
  'twitter:image:src': 'image',
};
/** Open Graph outranks Twitter cards, which outrank the plain meta description. */
const RANK = (key: string) => (key.startsWith('og:') ? 3 : key.startsWith('twitter:') ? 2 : 1);

/**
 * Reads the metadata of an HTML page as it streams in: Open Graph, Twitter cards, <title>, the
 * meta description and the oEmbed discovery link. Parsing stops at </head> or <body>, so
 * the rest of the page is never read; the caller's byte cap bounds a page without either.
 */
export async function readPageMeta(body: AsyncIterable<Buffer>, charset: string): Promise<PageMeta> {
  const found: PageMeta = {};
  const ranks: Partial<Record<keyof PageMeta, number>> = {};
  let title = '';
  let inTitle = false;
  let done = false;
  const set = (field: keyof PageMeta, value: string | undefined, rank: number) => {
    const v = value?.trim();
    if (!v || (ranks[field] ?? 0) >= rank) return;
    found[field] = v;
    ranks[field] = rank;
  };
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === 'body') done = true;
        else if (name === 'title') inTitle = true;
        else if (name === 'meta') {
          const key = (attrs.property ?? attrs.name ?? '').toLowerCase();
          const field = FIELDS[key];
          if (field) set(field, attrs.content, RANK(key));
        } else if (name === 'link' && (attrs.type ?? '').toLowerCase() === 'application/json+oembed') set('oembed', attrs.href, 1);
      },
      ontext(text) {
        if (inTitle && title.length < 1000) title += text;
      },
      onclosetag(name) {
        if (name === 'title') inTitle = false;
        if (name === 'head') done = true;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  const decoder = textDecoder(charset);
  for await (const chunk of body) {
    parser.write(decoder.decode(chunk as Buffer, { stream: true }));
    if (done) break;
  }
  parser.end();
  set('title', title.replace(/\s+/g, ' '), 0.5);
  return found;
}

function textDecoder(charset: string): TextDecoder {
  try {
    return new TextDecoder(charset || 'utf-8');
  } catch {
    return new TextDecoder('utf-8');
  }
}
