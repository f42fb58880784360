import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as fx from './media-fixtures';

const TOTAL = 200 * 1024 * 1024 - 64 * 1024;

/** An mp4 of TOTAL bytes, made as it is sent: one 64 KB block reused. */
async function* video(): AsyncIterable<Buffer> {
  const block = Buffer.alloc(64 * 1024, 0x5a);
  const mdatBytes = TOTAL - fx.mp4Head(0).length;
  yield fx.mp4Head(mdatBytes);
  for (let left = mdatBytes; left > 0; left -= block.length) yield left >= block.length ? block : block.subarray(0, left);
}

function residentBytes(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(m![1]) * 1024;
}

async function upload(url: string, token: string, fileName: string, body: Buffer | AsyncIterable<Buffer>) {
  const boundary = 'memory-test-boundary';
  async function* multipart() {
    yield Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: video/mp4\r\n\r\n`);
    if (Buffer.isBuffer(body)) yield body;
    else yield* body;
    yield Buffer.from(`\r\n--${boundary}--\r\n`);
  }
  const res = await fetch(`${url}/api/v1/media`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
    body: multipart(),
    duplex: 'half',
  } as unknown as RequestInit);
  return { status: res.status, body: (await res.json()) as { size: number } };
}

describe('upload memory', () => {
  let server: ChildProcess;
  let url: string;
  let token: string;
  beforeAll(async () => {
    server = fork(fileURLToPath(new URL('./media-memory-server.ts', import.meta.url)), {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    ({ url, token } = await new Promise<{ url: string; token: string }>((resolve, reject) => {
      server.once('message', (m) => resolve(m as { url: string; token: string }));
      server.once('exit', (code) => reject(new Error(`media server exited with ${code}`)));
    }));
  });
  afterAll(async () => {
    if (!server || server.exitCode !== null) return;
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.send('stop');
    await exited;
  });

  it('when a 200 MB video is uploaded, then the server streams it: its resident memory grows by far less than the upload', async () => {
    // Warm up the code paths (and their lazy allocations) before measuring.
    expect((await upload(url, token, 'warm.mp4', fx.mp4(2 * 1024 * 1024))).status).toBe(201);
    const pid = server.pid!;
    const baseline = residentBytes(pid);
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, residentBytes(pid))), 10);
    try {
      const res = await upload(url, token, 'big.mp4', video());
      expect(res.status).toBe(201);
      expect(res.body.size).toBe(TOTAL);
    } finally {
      clearInterval(sampler);
    }
    const grownMb = (peak - baseline) / 1024 / 1024;
    console.log(
      `server resident memory: baseline ${Math.round(baseline / 1024 / 1024)} MB, peak ${Math.round(peak / 1024 / 1024)} MB, grown ${grownMb.toFixed(1)} MB for a ${Math.round(TOTAL / 1024 / 1024)} MB upload`,
    );
    // Buffering the upload would grow memory by its whole size; streaming stays at a few
    // chunks plus allocator and GC slack, which depends on the machine's load (31–56 MB seen).
    expect(grownMb).toBeLessThan(TOTAL / 1024 / 1024 / 2);
  });
});
