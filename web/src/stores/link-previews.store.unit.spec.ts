// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { ApiError, NetworkError } from '../api/errors';

const preview = { id: 'p1', url: 'https://a.test/', title: 'A', description: null, siteName: 'a.test', imageUrl: null };
vi.mock('../api/link-previews', () => ({ linkPreviewsApi: { get: vi.fn(), image: vi.fn() } }));

const { useLinkPreviewsStore } = await import('./link-previews.store');
const { linkPreviewsApi } = await import('../api/link-previews');
const get = vi.mocked(linkPreviewsApi.get);

describe('link previews store', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    get.mockReset();
  });

  it('asks for a URL once, however many messages show it at once or later', async () => {
    get.mockResolvedValue(preview);
    const store = useLinkPreviewsStore();
    await Promise.all([store.load(preview.url), store.load(preview.url)]);
    await store.load(preview.url);
    expect(get).toHaveBeenCalledTimes(1);
    expect(store.entry(preview.url)).toEqual({ state: 'ready', preview });
  });

  it('remembers "no preview" and "refused", but asks again after a network error', async () => {
    const store = useLinkPreviewsStore();
    get.mockRejectedValueOnce(new ApiError(404, 'no_link_preview', 'none'));
    await store.load('https://none.test/');
    await store.load('https://none.test/');
    expect(store.entry('https://none.test/')).toEqual({ state: 'none' });

    get.mockRejectedValueOnce(new NetworkError());
    await store.load('https://flaky.test/');
    expect(store.entry('https://flaky.test/')).toEqual({ state: 'failed' });
    get.mockResolvedValueOnce({ ...preview, url: 'https://flaky.test/' });
    await store.load('https://flaky.test/');
    expect(store.entry('https://flaky.test/')?.state).toBe('ready');
    expect(get).toHaveBeenCalledTimes(3);
  });
});
