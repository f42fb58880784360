// Upload floods: one user sends 30 concurrent 10,000×10,000 PNGs (100 Mpx, the largest the pixel
// cap accepts; 0.3 MB on disk, 300 MB decoded). /healthz keeps answering, resident memory stays
// bounded, uploads past the decoding queue are refused 503 with Retry-After, daily quotas refuse
// with 429 / 413, and a refused upload leaves no staging file, stored object or row.
import { randomUUID } from 'node:crypto';
import { readdir, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import pg from 'pg';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_ABUSE_LIMITS, startTestApp, type TestApp } from '@groupchat/test-kit/app';
import { whileWatched } from '@groupchat/test-kit/healthz-watch';
import { apiOf, registerUser, type TestUser } from '../../services/command-api/test/support/client';

const MB = 1024 * 1024;
const CONCURRENCY = 2;
const QUEUE = 8;
const FILES_PER_DAY = 14;
const BYTES_PER_DAY = 32 * MB;

interface Uploaded {
  status: number;
  body: { code?: string; mediaId?: string };
  retryAfter: string | null;
  contentType: string | null;
}

describe('upload floods', () => {
  let app: TestApp;
  let db: pg.Pool;
  let flooder: TestUser;
  let saver: TestUser;
  let bomb: Buffer;
  const tmpDir = resolve(`.data/test-media/flood-${randomUUID()}`);

  const upload = async (user: TestUser, bytes: Buffer, name: string, type: string): Promise<Uploaded> => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
    const res = await fetch(`${app.url}/api/v1/media`, { method: 'POST', headers: { authorization: `Bearer ${user.token}` }, body: form });
    return {
      status: res.status,
      body: (await res.json()) as Uploaded['body'],
      retryAfter: res.headers.get('retry-after'),
      contentType: res.headers.get('content-type'),
    };
  };
  const rowsOf = async (user: TestUser) => Number((await db.query('SELECT count(*)::int AS n FROM media WHERE owner_id = $1', [user.userId])).rows[0].n);
  // The local store keeps each object's content type beside it in a .meta.json file.
  const storedObjects = async () =>
    (await readdir(app.config.MEDIA_DIR, { recursive: true, withFileTypes: true })).filter((e) => e.isFile() && !e.name.endsWith('.meta.json')).length;
  const allRows = async () => Number((await db.query('SELECT count(*)::int AS n FROM media')).rows[0].n);
  const staged = () => readdir(tmpDir).catch(() => []);
  const expectRefusal = (res: Uploaded, status: number, code: string) => {
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    expect(res.contentType).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe(code);
  };

  beforeAll(async () => {
    const started = startTestApp({
      ...NO_ABUSE_LIMITS,
      MEDIA_TMP_DIR: tmpDir,
      MEDIA_IMAGE_CONCURRENCY: CONCURRENCY,
      MEDIA_IMAGE_QUEUE: QUEUE,
      MEDIA_DAILY_FILES_PER_USER: FILES_PER_DAY,
      MEDIA_DAILY_BYTES_PER_USER: BYTES_PER_DAY,
    });
    // One colour, unfiltered, deflated: 100 Mpx in about 0.3 MB.
    bomb = await sharp({ create: { width: 10_000, height: 10_000, channels: 3, background: { r: 40, g: 90, b: 200 } } })
      .png({ compressionLevel: 9, adaptiveFiltering: false })
      .toBuffer();
    app = await started;
    db = new pg.Pool({ connectionString: app.config.DATABASE_URL, max: 2 });
    const api = apiOf(app);
    [flooder, saver] = await Promise.all([registerUser(api, 'flooder'), registerUser(api, 'saver')]);
  });
  afterAll(async () => {
    await db?.end();
    await app?.close();
    await rm(tmpDir, { recursive: true, force: true });
  });

  it('30 concurrent 100 Mpx PNGs: /healthz answers, memory is bounded, past the queue 503 with Retry-After, nothing half-stored', async () => {
    expect(bomb.length).toBeLessThan(MB);
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25);
    const started = performance.now();
    const { result: answers, maxMs } = await whileWatched(app.url, () =>
      Promise.all(Array.from({ length: 30 }, () => upload(flooder, bomb, 'bomb.png', 'image/png'))),
    );
    clearInterval(sampler);
    const growthMb = Math.round((peak - baseline) / MB);
    const statuses = answers.map((a) => a.status).sort();
    console.log(
      `30 × 10,000×10,000 PNG (${Math.round(bomb.length / 1024)} KB): ${Math.round(performance.now() - started)} ms; statuses ${JSON.stringify(countBy(statuses))}; ` +
        `max /healthz delay ${maxMs} ms; rss peak growth ${growthMb} MB (baseline ${Math.round(baseline / MB)} MB)`,
    );

    expect(maxMs).toBeLessThan(1000);
    expect(growthMb).toBeLessThan(1536);
    const stored = answers.filter((a) => a.status === 201);
    const refused = answers.filter((a) => a.status !== 201);
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.length).toBeLessThanOrEqual(CONCURRENCY + QUEUE);
    expect(refused.length).toBeGreaterThanOrEqual(30 - CONCURRENCY - QUEUE);
    for (const res of refused) {
      expectRefusal(res, 503, 'media_busy');
      expect(Number(res.retryAfter)).toBeGreaterThan(0);
    }
    // Each stored image is a row and an object for itself and for its thumbnail; refused ones are nothing.
    expect(await rowsOf(flooder)).toBe(2 * stored.length);
    expect(await storedObjects()).toBe(await allRows());
    expect(await staged()).toEqual([]);
  });

  it('past the daily number of files, 429 with Retry-After, and nothing is stored', async () => {
    const small = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#888' } })
      .png()
      .toBuffer();
    const filesSoFar = async () =>
      Number((await db.query('SELECT count(*)::int AS n FROM media WHERE owner_id = $1 AND file_name IS NOT NULL', [flooder.userId])).rows[0].n);
    while ((await filesSoFar()) < FILES_PER_DAY) expect((await upload(flooder, small, 'small.png', 'image/png')).status).toBe(201);
    const rows = await rowsOf(flooder);
    const res = await upload(flooder, small, 'one-more.png', 'image/png');
    expectRefusal(res, 429, 'quota_exceeded');
    expect(Number(res.retryAfter)).toBeGreaterThan(3600);
    expect(await rowsOf(flooder)).toBe(rows);
    expect(await storedObjects()).toBe(await allRows());
    expect(await staged()).toEqual([]);
  });

  it('a file larger than what is left of the daily bytes is 413; bytes used up are 429; nothing is stored', async () => {
    const text = (bytes: number) => Buffer.alloc(bytes, 'quota\n');
    expect((await upload(saver, text(20 * MB), 'a.txt', 'text/plain')).status).toBe(201);
    const big = await upload(saver, text(16 * MB), 'too-big.txt', 'text/plain');
    expectRefusal(big, 413, 'quota_exceeded');
    expect((await upload(saver, text(12 * MB), 'fits.txt', 'text/plain')).status).toBe(201);
    const after = await upload(saver, text(10), 'tiny.txt', 'text/plain');
    expectRefusal(after, 429, 'quota_exceeded');
    expect(Number(after.retryAfter)).toBeGreaterThan(3600);
    expect(await rowsOf(saver)).toBe(2);
    expect(await storedObjects()).toBe(await allRows());
    expect(await staged()).toEqual([]);
  });
});

function countBy(xs: number[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of xs) out[x] = (out[x] ?? 0) + 1;
  return out;
}
