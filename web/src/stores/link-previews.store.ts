import { defineStore } from 'pinia';
import { reactive } from 'vue';
import { ApiError } from '../api';
import { linkPreviewsApi, type LinkPreview } from '../api/link-previews';

/** `none`: the server has no preview for the link (404) or refuses it (422), for good. */
export type PreviewEntry = { state: 'loading' } | { state: 'ready'; preview: LinkPreview } | { state: 'none' } | { state: 'failed' };

const FINAL = new Set([404, 422]);

/**
 * Previews per URL, asked for once: every message and the composer showing the same link share
 * one entry. A refusal or "no preview" is remembered; a network error or 5xx is not, so the
 * next view asks again.
 */
export const useLinkPreviewsStore = defineStore('link-previews', () => {
  const byUrl = reactive(new Map<string, PreviewEntry>());
  const inFlight = new Map<string, Promise<void>>();

  function load(url: string): Promise<void> {
    const known = byUrl.get(url);
    if (known && known.state !== 'failed') return inFlight.get(url) ?? Promise.resolve();
    byUrl.set(url, { state: 'loading' });
    const pending = linkPreviewsApi
      .get(url)
      .then((preview) => void byUrl.set(url, { state: 'ready', preview }))
      .catch((err: unknown) => void byUrl.set(url, { state: err instanceof ApiError && FINAL.has(err.status) ? 'none' : 'failed' }))
      .finally(() => inFlight.delete(url));
    inFlight.set(url, pending);
    return pending;
  }

  return { byUrl, load, entry: (url: string) => byUrl.get(url) };
});
