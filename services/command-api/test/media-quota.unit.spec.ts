import { describe, expect, it } from 'vitest';
import { decodeSlots } from '../src/media/decode-slots';
import { fileBytesAtLeast, judgeQuota } from '../src/media/quota';

const limits = { filesPerDay: 3, bytesPerDay: 1000 };
const usage = (files: number, bytes: number) => ({ files, bytes, freesInSeconds: 600 });

describe('daily upload quota', () => {
  it('when room is left, then the upload may be stored, up to the last byte', () => {
    expect(judgeQuota(usage(0, 0), limits, 1000)).toBeUndefined();
    expect(judgeQuota(usage(2, 400), limits, 600)).toBeUndefined();
  });

  it('when the files or the bytes are used up, then 429 with Retry-After until the oldest upload leaves the window', () => {
    for (const [files, bytes] of [
      [3, 0],
      [1, 1000],
      [1, 1200],
    ] as const) {
      expect(judgeQuota(usage(files, bytes), limits, 1)).toMatchObject({ status: 429, code: 'quota_exceeded', extra: { retryAfter: 600 } });
    }
    expect(judgeQuota({ files: 3, bytes: 0, freesInSeconds: 0 }, limits, 1)?.extra.retryAfter).toBe(1);
  });

  it('when the file is larger than what is left, then 413 naming what is left', () => {
    expect(judgeQuota(usage(1, 700), limits, 301)).toMatchObject({ status: 413, code: 'quota_exceeded', extra: { remainingBytes: 300 } });
  });

  it('the declared length counts only what surely is the file', () => {
    expect(fileBytesAtLeast(undefined)).toBe(0);
    expect(fileBytesAtLeast('1000')).toBe(0);
    expect(fileBytesAtLeast(String(10 * 1024 * 1024))).toBe(10 * 1024 * 1024 - 64 * 1024);
    expect(fileBytesAtLeast('1e400')).toBe(0);
  });
});

describe('decoding slots', () => {
  it('when slots and queue are full, then 503 with Retry-After at once; a freed slot takes the next', async () => {
    const slots = decodeSlots({ concurrency: 1, queue: 1, retryAfterSeconds: 3 });
    let release!: () => void;
    const first = slots.run(() => new Promise<string>((r) => (release = () => r('first'))));
    const second = slots.run(async () => 'second');
    await expect(slots.run(async () => 'third')).rejects.toMatchObject({ status: 503, code: 'media_busy', extra: { retryAfter: 3 } });
    release();
    await expect(Promise.all([first, second])).resolves.toEqual(['first', 'second']);
    await expect(slots.run(async () => 'later')).resolves.toBe('later');
  });
});
