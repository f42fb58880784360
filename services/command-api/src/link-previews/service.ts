import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { Logger, Pool } from '@groupchat/shared';
import type { DecodeSlots } from '../media/decode-slots';
import type { MediaStore } from '../media/store';
import { PreviewRefused, PreviewUnavailable } from './errors';
import type { FetchPolicy } from './fetcher';
import { storePreviewImage } from './image';
import { claim, findByUrl, settle, type Outcome, type PreviewRow } from './repository';
import { checkTarget } from './target';
import { unfurl } from './unfurl';

export interface PreviewSettings {
  timeoutMs: number;
  maxHtmlBytes: number;
  maxImageBytes: number;
  maxImagePixels: number;
  ttlSeconds: number;
  failureTtlSeconds: number;
}

export interface PreviewDeps {
  pool: Pool;
  store: MediaStore;
  decode: DecodeSlots;
  log: Logger;
  policy: FetchPolicy;
  settings: PreviewSettings;
}

export interface PreviewService {
  /** The cached entry of a URL, fetched first when there is none or it has expired. */
  lookup(raw: string): Promise<PreviewRow>;
}

const WAIT_STEP_MS = 100;

/**
 * One fetch per URL: concurrent lookups in a process share one promise, and across processes
 * the row's `pending` claim makes the others wait for its outcome instead of fetching too.
 * Failures are cached (shorter) like successes, so a dead link is not fetched on every view.
 */
export function createPreviewService(deps: PreviewDeps): PreviewService {
  const { pool, policy, settings } = deps;
  const inflight = new Map<string, Promise<PreviewRow>>();
  const claimSeconds = Math.ceil(settings.timeoutMs / 1000) * 2 + 5;

  async function resolve(url: string): Promise<PreviewRow> {
    for (;;) {
      const row = await findByUrl(pool, url);
      const current = row && row.expiresAt.getTime() > Date.now();
      if (current && row.state !== 'pending') return row;
      if (current) {
        await delay(WAIT_STEP_MS);
        continue;
      }
      const claimed = await claim(pool, url, randomUUID(), claimSeconds);
      if (claimed) return fetchAndSettle(claimed);
    }
  }

  async function fetchAndSettle(row: PreviewRow): Promise<PreviewRow> {
    const outcome = await fetchOutcome(row);
    const ttl = outcome.state === 'ready' ? settings.ttlSeconds : settings.failureTtlSeconds;
    const settled = await settle(pool, row.url, outcome, ttl);
    if (row.imageKey && row.imageKey !== settled.imageKey)
      await deps.store.delete(row.imageKey).catch((err) => deps.log.warn({ err }, 'old preview image left'));
    return settled;
  }

  async function fetchOutcome(row: PreviewRow): Promise<Outcome> {
    const signal = AbortSignal.timeout(settings.timeoutMs);
    try {
      const page = await unfurl(new URL(row.url), { maxHtmlBytes: settings.maxHtmlBytes, signal }, policy);
      let imageKey: string | null = null;
      if (page.imageSource) {
        const limits = { maxBytes: settings.maxImageBytes, maxPixels: settings.maxImagePixels, signal };
        imageKey = await storePreviewImage(page.imageSource, row.id, deps, limits, policy).catch((err: unknown) => {
          deps.log.info({ err: String(err), url: row.url }, 'link preview without its image');
          return null;
        });
      }
      return { state: 'ready', title: page.title, description: page.description, siteName: page.siteName, imageKey, reason: null };
    } catch (err) {
      if (!(err instanceof PreviewRefused || err instanceof PreviewUnavailable)) throw err;
      deps.log.info({ url: row.url, reason: err.message }, 'no link preview');
      return { state: err instanceof PreviewRefused ? 'refused' : 'none', title: null, description: null, siteName: null, imageKey: null, reason: err.message };
    }
  }

  return {
    async lookup(raw) {
      const url = checkTarget(raw, policy).href;
      let pending = inflight.get(url);
      if (!pending) {
        pending = resolve(url).finally(() => inflight.delete(url));
        inflight.set(url, pending);
      }
      return pending;
    },
  };
}
