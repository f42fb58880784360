import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { get as httpGet } from 'node:http';
import sharp from 'sharp';
import { PreviewRefused } from '../src/link-previews/errors';
import { guardedLookup } from '../src/link-previews/lookup';
import { claim, settle } from '../src/link-previews/repository';
import { decodeSlots } from '../src/media/decode-slots';
import { createLocalStore } from '../src/media';
import { createPreviewService } from '../src/link-previews/service';
import { sweepExpiredPreviews } from '../src/link-previews/sweeper';
import { startOrigin, type Origin } from '@groupchat/test-kit/link-preview-origin';
import { startPreviewHarness, type PreviewHarness } from './link-preview-harness';

let origin: Origin;
let api: PreviewHarness;

beforeAll(async () => {
  origin = await startOrigin(
    await sharp({ create: { width: 1200, height: 630, channels: 3, background: '#c8285a' } })
      .png()
      .toBuffer(),
  );
  api = await startPreviewHarness({ LINK_PREVIEW_ALLOW_LOOPBACK: true, LINK_PREVIEW_TIMEOUT_MS: 1500, LINK_PREVIEW_MAX_HTML_BYTES: 256 * 1024 });
}, 60_000);
afterAll(async () => {
  await api?.close();
  await origin?.close();
});

/** A second instance's service: its own in-process single flight, the same table. */
const previewService = () =>
  createPreviewService({
    pool: api.rt.pool,
    store: createLocalStore(api.config.MEDIA_DIR),
    decode: decodeSlots({ concurrency: 1, queue: 8 }),
    log: api.rt.log,
    policy: { allowLoopback: true, maxRedirects: 3, userAgent: 'test' },
    settings: { timeoutMs: 1500, maxHtmlBytes: 65536, maxImageBytes: 1 << 20, maxImagePixels: 1e7, ttlSeconds: 60, failureTtlSeconds: 60 },
  });

const problemOf = async (res: Response) => ({
  status: res.status,
  type: res.headers.get('content-type'),
  body: (await res.json()) as { code: string; detail: string },
});

describe('when the page is a local test server (loopback allowed)', () => {
  it('then the preview has the Open Graph title, description, site and our copy of the image', async () => {
    const res = await api.preview(`${origin.url}/article#section`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, string | null>;
    expect(body).toMatchObject({ url: `${origin.url}/article`, title: 'A & B: the article', description: 'What the article says.', siteName: 'Local News' });
    expect(body.imageUrl).toBe(`/api/v1/link-previews/${body.id}/image`);

    const image = await api.get(body.imageUrl!.replace('/api/v1', ''));
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/webp');
    const meta = await sharp(Buffer.from(await image.arrayBuffer())).metadata();
    expect(meta.format).toBe('webp');
    expect(Math.max(meta.width!, meta.height!)).toBeLessThanOrEqual(480);
    // The page set a cookie; the image request after it sent none.
    expect(origin.hits('/picture.png')).toBe(1);
    expect(origin.cookies()).toBe(0);
  });

  it('then a lookup waits for the fetch another instance has claimed, and fetches nothing itself', async () => {
    const url = `${origin.url}/title-only?claimed`;
    const theirs = await claim(api.rt.pool, url, randomUUID(), 30);
    expect(theirs?.state).toBe('pending');
    expect(await claim(api.rt.pool, url, randomUUID(), 30)).toBeUndefined();
    const mine = previewService().lookup(url);
    await settle(api.rt.pool, url, { state: 'ready', title: 'Fetched by them', description: null, siteName: 'x', imageKey: null, reason: null }, 60);
    expect(await mine).toMatchObject({ id: theirs!.id, title: 'Fetched by them' });
    expect(origin.hits('/title-only')).toBe(0);
  });

  it('then a claim whose fetcher died is taken over once it expires', async () => {
    const url = `${origin.url}/title-only?abandoned`;
    await claim(api.rt.pool, url, randomUUID(), 0);
    expect(await previewService().lookup(url)).toMatchObject({ state: 'ready', title: 'Just a title' });
    expect(origin.hits('/title-only')).toBe(1);
  });

  it('then a page that keeps its metadata in oEmbed gets title, author, provider and thumbnail from there', async () => {
    const body = (await (await api.preview(`${origin.url}/video`)).json()) as Record<string, unknown>;
    expect(body).toMatchObject({ title: 'A video', description: 'Vera', siteName: 'LocalTube' });
    expect(body.imageUrl).toMatch(/\/image$/);
    expect(origin.hits('/oembed.json')).toBe(1);
  });

  it('then <title> stands in for a missing og:title, and the host for a missing site name', async () => {
    const body = (await (await api.preview(`${origin.url}/title-only?one`)).json()) as Record<string, unknown>;
    expect(body).toMatchObject({ title: 'Just a title', description: null, siteName: '127.0.0.1' });
  });

  it('then a page without title or description, or not HTML, has no preview (404), and that is cached too', async () => {
    for (const path of ['/bare', '/plain', '/missing']) {
      const p = await problemOf(await api.preview(`${origin.url}${path}`));
      expect(p.status, path).toBe(404);
      expect(p.type).toContain('application/problem+json');
      expect(p.body.code).toBe('no_link_preview');
    }
    await api.preview(`${origin.url}/bare`);
    expect(origin.hits('/bare')).toBe(1);
  });

  it('then a body over the byte cap, a gzip bomb, a page that never ends and a cut connection are given up (404)', async () => {
    const why: Record<string, RegExp> = { '/huge': /over \d+ bytes/, '/bomb': /over \d+ bytes/, '/slow': /too long/, '/reset': /could not be reached/ };
    for (const [path, detail] of Object.entries(why)) {
      const p = await problemOf(await api.preview(`${origin.url}${path}`));
      expect(p.status, path).toBe(404);
      expect(p.body.detail, path).toMatch(detail);
    }
  });

  it.each([
    ['10.0.0.1', 'http://10.0.0.1/'],
    ['169.254.169.254', 'http://169.254.169.254/latest/meta-data/'],
    ['a private IPv6 address', 'http://[fd00::1]/'],
  ])('then a redirect to %s is refused (422): loopback allows loopback only', async (_name, target) => {
    const p = await problemOf(await api.preview(`${origin.url}/redirect?to=${encodeURIComponent(target)}`));
    expect(p.status).toBe(422);
    expect(p.body.code).toBe('link_preview_refused');
  });

  it('then more than three redirects are given up', async () => {
    let url = `${origin.url}/article`;
    for (let i = 0; i < 4; i++) url = `${origin.url}/redirect?to=${encodeURIComponent(url)}`;
    expect((await api.preview(url)).status).toBe(404);
  });

  it('then a bad url parameter is 422 and an unknown image 404, never 500', async () => {
    expect((await api.get('/link-previews')).status).toBe(422);
    expect((await api.get(`/link-previews?url=${'x'.repeat(3000)}`)).status).toBe(422);
    expect((await problemOf(await api.preview('ftp://example.com/'))).body.code).toBe('link_preview_refused');
    expect((await api.get('/link-previews/not-an-id/image')).status).toBe(404);
    expect((await api.get('/link-previews/00000000-0000-4000-8000-000000000000/image')).status).toBe(404);
    expect((await fetch(`${api.url}/link-previews?url=${encodeURIComponent(`${origin.url}/article`)}`)).status).toBe(401);
  });

  it('then a host name is connected to at the address the guarded lookup checked, or not at all', async () => {
    const port = new URL(origin.url).port;
    const status = (allowLoopback: boolean) =>
      new Promise<number>((resolve, reject) => {
        const req = httpGet(`http://localhost:${port}/plain`, { agent: false, lookup: guardedLookup({ allowLoopback }) }, (res) => {
          res.resume();
          resolve(res.statusCode!);
        });
        req.once('error', reject);
      });
    expect(await status(true)).toBe(200);
    await expect(status(false)).rejects.toBeInstanceOf(PreviewRefused);
  });

  it('then entries expired past the grace period go, with their stored images; current ones stay', async () => {
    const res = await api.preview(`${origin.url}/article?sweep`);
    const { id } = (await res.json()) as { id: string };
    const { rows } = await api.rt.pool.query<{ image_key: string }>('SELECT image_key FROM link_previews WHERE id = $1', [id]);
    const store = createLocalStore(api.config.MEDIA_DIR);
    expect(await store.head(rows[0]!.image_key)).toBeDefined();
    const before = Number((await api.rt.pool.query('SELECT count(*) AS n FROM link_previews')).rows[0].n);

    await api.rt.pool.query(`UPDATE link_previews SET expires_at = now() - interval '2 days' WHERE id = $1`, [id]);
    expect(await sweepExpiredPreviews(api.rt.pool, store, api.rt.log)).toBe(1);
    expect(Number((await api.rt.pool.query('SELECT count(*) AS n FROM link_previews')).rows[0].n)).toBe(before - 1);
    expect(await store.head(rows[0]!.image_key)).toBeUndefined();
    expect((await api.get(`/link-previews/${id}/image`)).status).toBe(404);
  });
});
