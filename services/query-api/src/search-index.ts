import { badRequest, unavailable, type EsClient } from '@groupchat/shared';
import { encodeCursor } from './paging';

export interface Hit<T> {
  id: string;
  score: number | null;
  source: T;
  sort: unknown[];
  highlight: Record<string, string[]>;
}

export interface SearchResult<T> {
  hits: Hit<T>[];
  total: number;
  aggregations: Record<string, unknown>;
}

/**
 * Someone is waiting: one quick retry, not the client's default three with exponential backoff
 * (5–10 s before a 503 while Elasticsearch is down).
 */
const INTERACTIVE = { maxRetries: 1, requestTimeout: 5000 };

/**
 * One search against an alias. A missing index (projection not built yet) or an unreachable
 * node is a 503 the client may retry; a request Elasticsearch rejects can only come from a
 * forged cursor, so it is the client's 400.
 */
export async function searchAlias<T>(es: EsClient, index: string, body: Record<string, unknown>): Promise<SearchResult<T>> {
  try {
    const res = await es.search<T>({ index, ...body, track_total_hits: true, ignore_unavailable: false }, INTERACTIVE);
    const total = typeof res.hits.total === 'number' ? res.hits.total : (res.hits.total?.value ?? 0);
    return {
      total,
      aggregations: (res.aggregations ?? {}) as Record<string, unknown>,
      hits: res.hits.hits.map((h) => ({
        id: h._id!,
        score: h._score ?? null,
        source: h._source as T,
        sort: (h.sort ?? []) as unknown[],
        highlight: (h.highlight ?? {}) as Record<string, string[]>,
      })),
    };
  } catch (err) {
    throw searchError(err);
  }
}

export function searchError(err: unknown): unknown {
  const e = err as { name?: string; statusCode?: number; body?: { error?: { type?: string } } };
  if (e?.name === 'ResponseError') {
    if (e.body?.error?.type === 'index_not_found_exception') return unavailable('the search index is not built yet; retry shortly', 'search_unavailable');
    if (e.statusCode === 400) return badRequest('the search could not be run with these parameters', 'invalid_search');
    return unavailable('search is unavailable; retry shortly', 'search_unavailable');
  }
  // Network-level failures of the client (connection refused, timeout, no node alive) are all worth a retry.
  if (e?.name && /Connection|Timeout|NoLivingConnections/.test(e.name)) return unavailable('search is unavailable; retry shortly', 'search_unavailable');
  return err;
}

/** Searches ask one hit more than the page: it proves a next page exists, and the cursor resumes after the page's last hit. */
export function pageOf<T>(result: SearchResult<T>, limit: number, cursorKind: string): { hits: Hit<T>[]; nextCursor: string | null } {
  const hits = result.hits.slice(0, limit);
  const last = hits[hits.length - 1];
  return { hits, nextCursor: result.hits.length > limit && last ? encodeCursor(cursorKind, last.sort) : null };
}

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/;

/**
 * A field is searched through several analyses (`.prefix` for partial words, `.cjk` for
 * bigrams); each yields its own highlight. Per field, keep the one that fits the query: the
 * bigrams for CJK text, else the partial-word one, which also marks whole words.
 */
export function pickHighlights(highlight: Record<string, string[]>, fields: string[], q: string | undefined): Record<string, string[]> {
  const order = q && CJK.test(q) ? ['.cjk', '.prefix', ''] : ['.prefix', '', '.cjk'];
  const picked: Record<string, string[]> = {};
  for (const field of fields) {
    const fragments = order.map((suffix) => highlight[field + suffix]).find((f) => f?.length);
    if (fragments) picked[field] = fragments;
  }
  return picked;
}

/** Dates in search documents may be epoch millis or ISO strings; clients always get ISO. */
export function isoDate(v: unknown): string | null {
  if (v === null || v === undefined || v === '') return null;
  const d = new Date(typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : (v as string | number));
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}
