import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMediaHarness, type MediaHarness } from './media-harness';
import * as fx from './media-fixtures';

const TOTAL = 200 * 1024 * 1024 - 64 * 1024;

/** An mp4 of TOTAL bytes, made as it is sent: one 64 KB block reused. */
async function* video(): AsyncIterable<Buffer> {
  const block = Buffer.alloc(64 * 1024, 0x5a);
  const head = fx.mp4Head(0);
  const mdatBytes = TOTAL - head.length;
  yield fx.mp4Head(mdatBytes);
  for (let left = mdatBytes; left > 0; left -= block.length) yield left >= block.length ? block : block.subarray(0, left);
}

describe('upload memory', () => {
  let h: MediaHarness;
  beforeAll(async () => {
    h = await startMediaHarness();
  });
  afterAll(async () => h?.close());

  it('when a 200 MB video is uploaded, then the resident memory grows by less than 50 MB', async () => {
    const token = h.token('alice');
    // Warm up the code paths (and their lazy allocations) before measuring.
    expect((await h.upload(token, { fileName: 'warm.mp4', contentType: 'video/mp4', body: fx.mp4(1024 * 1024) })).status).toBe(201);
    (globalThis as { gc?: () => void }).gc?.();
    const baseline = process.memoryUsage.rss();
    let peak = baseline;
    let detail = process.memoryUsage();
    const t0 = Date.now();
    const timeline: string[] = [];
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      if (m.rss > peak) { peak = m.rss; detail = m; }
      if (timeline.length < 400) timeline.push(`${Date.now() - t0} rss=${(m.rss / 1048576).toFixed(0)} heap=${(m.heapUsed / 1048576).toFixed(0)} ext=${(m.external / 1048576).toFixed(0)} ab=${(m.arrayBuffers / 1048576).toFixed(0)}`);
    }, 50);
    try {
      const res = await h.upload(token, { fileName: 'big.mp4', contentType: 'video/mp4', body: video() });
      const body = (await res.json()) as { size: number; mediaId: string };
      expect(res.status).toBe(201);
      expect(body.size).toBe(TOTAL);
    } finally {
      clearInterval(sampler);
    }
    const v8 = await import('node:v8'); const vm = await import('node:vm');
    v8.setFlagsFromString('--expose-gc'); const gc = vm.runInNewContext('gc') as () => void;
    const before = process.memoryUsage(); gc(); await new Promise((r) => setTimeout(r, 200)); const after = process.memoryUsage();
    console.log('before gc', (before.arrayBuffers/1048576).toFixed(0), 'after gc', (after.arrayBuffers/1048576).toFixed(0), 'rss', (after.rss/1048576).toFixed(0));
    console.log(JSON.stringify(detail), timeline.filter((_, i) => i % 5 === 0).join('\n'));
    const grownMb = (peak - baseline) / 1024 / 1024;
    console.log(`resident memory: baseline ${Math.round(baseline / 1024 / 1024)} MB, peak ${Math.round(peak / 1024 / 1024)} MB, grown ${grownMb.toFixed(1)} MB`);
    expect(grownMb).toBeLessThan(50);
  });
});
