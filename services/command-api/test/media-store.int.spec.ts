import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Storage } from '@google-cloud/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGcsStore, createLocalStore, MediaObjectMissing, type MediaStore } from '../src/media';
import { startFakeGcs, type FakeGcs } from '@groupchat/test-kit/fake-gcs';

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Yields `total` bytes of a repeating pattern without ever holding them all. */
function patterned(total: number): Readable {
  const block = Buffer.alloc(64 * 1024);
  for (let i = 0; i < block.length; i++) block[i] = i % 251;
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= total) return void this.push(null);
      const n = Math.min(block.length, total - sent);
      sent += n;
      this.push(block.subarray(0, n));
    },
  });
}

function adapterSuite(name: string, setup: () => Promise<{ store: MediaStore; teardown(): Promise<void> }>) {
  describe(`${name} media store`, () => {
    let store: MediaStore;
    let teardown: () => Promise<void>;
    beforeAll(async () => {
      ({ store, teardown } = await setup());
    });
    afterAll(async () => teardown?.());

    it('when an object is put, then head and get return its size, type and bytes', async () => {
      const body = Buffer.from('hello, media store');
      const put = await store.put('media/ab/round-trip', Readable.from([body]), 'text/plain; charset=utf-8');
      expect(put).toEqual({ size: body.length, contentType: 'text/plain; charset=utf-8' });
      expect(await store.head('media/ab/round-trip')).toEqual({ size: body.length, contentType: 'text/plain; charset=utf-8' });
      expect((await readAll(await store.get('media/ab/round-trip'))).equals(body)).toBe(true);
    });

    it('when a range is asked for, then exactly those bytes come back', async () => {
      await store.put('media/cd/ranged', patterned(300_000), 'video/mp4');
      const whole = await readAll(await store.get('media/cd/ranged'));
      expect(whole.length).toBe(300_000);
      expect((await readAll(await store.get('media/cd/ranged', { start: 1000, end: 1999 }))).equals(whole.subarray(1000, 2000))).toBe(true);
      expect((await readAll(await store.get('media/cd/ranged', { start: 299_990, end: 299_999 }))).equals(whole.subarray(299_990))).toBe(true);
    });

    it('when an object is deleted, then it is gone and deleting again succeeds', async () => {
      await store.put('media/ef/doomed', Readable.from([Buffer.from('x')]), 'application/octet-stream');
      await store.delete('media/ef/doomed');
      expect(await store.head('media/ef/doomed')).toBeUndefined();
      await expect(store.delete('media/ef/doomed')).resolves.toBeUndefined();
    });

    it('when an absent object is read, then MediaObjectMissing is raised', async () => {
      await expect(store.get('media/00/absent').then(readAll)).rejects.toBeInstanceOf(MediaObjectMissing);
      expect(await store.head('media/00/absent')).toBeUndefined();
    });

    it('when the source stream fails midway, then no object is left', async () => {
      const failing = new Readable({
        read() {
          this.push(Buffer.alloc(1024, 1));
          this.destroy(new Error('client went away'));
        },
      });
      await expect(store.put('media/12/broken', failing, 'image/png')).rejects.toThrow();
      expect(await store.head('media/12/broken')).toBeUndefined();
    });

    it('when a key could leave the store, then it is refused', async () => {
      await expect(store.put('../escape', Readable.from([Buffer.from('x')]), 'text/plain')).rejects.toThrow(/invalid media key/);
      await expect(store.head('media/../../etc/passwd')).rejects.toThrow(/invalid media key/);
    });
  });
}

adapterSuite('local disk', async () => {
  const root = await mkdtemp(join(tmpdir(), 'media-store-'));
  return { store: createLocalStore(root), teardown: () => rm(root, { recursive: true, force: true }) };
});

adapterSuite('Google Cloud Storage (fake-gcs-server)', async () => {
  const gcs: FakeGcs = await startFakeGcs();
  const bucket = 'groupchat-media-test';
  await new Storage({ apiEndpoint: gcs.endpoint, projectId: 'test' }).createBucket(bucket);
  return { store: createGcsStore({ bucket, apiEndpoint: gcs.endpoint, projectId: 'test' }), teardown: () => gcs.stop() };
});
