import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { checkKey, MediaObjectMissing, type ByteRange, type MediaStore, type StoredObject } from './store';

/** Objects as files under `root`; the content type sits in a small sidecar file beside each. */
export function createLocalStore(root: string): MediaStore {
  const base = resolve(root);
  const pathOf = (key: string) => join(base, checkKey(key));
  const metaOf = (key: string) => `${pathOf(key)}.meta.json`;

  return {
    name: 'local',
    async put(key, body, contentType) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      const partial = `${path}.partial-${randomBytes(6).toString('hex')}`;
      try {
        await pipeline(body, createWriteStream(partial, { flags: 'wx' }));
        const { size } = await stat(partial);
        await writeFile(metaOf(key), JSON.stringify({ contentType }));
        await rename(partial, path);
        return { size, contentType };
      } catch (err) {
        await rm(partial, { force: true });
        throw err;
      }
    },
    async get(key, range?: ByteRange) {
      const path = pathOf(key);
      const stream = createReadStream(path, range ? { start: range.start, end: range.end } : {});
      await new Promise<void>((ok, fail) => {
        stream.once('open', () => ok());
        stream.once('error', (err: NodeJS.ErrnoException) => fail(err.code === 'ENOENT' ? new MediaObjectMissing(key) : err));
      });
      return stream as Readable;
    },
    async head(key): Promise<StoredObject | undefined> {
      try {
        const [{ size }, meta] = await Promise.all([stat(pathOf(key)), readFile(metaOf(key), 'utf8')]);
        return { size, contentType: (JSON.parse(meta) as { contentType: string }).contentType };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw err;
      }
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
      await rm(metaOf(key), { force: true });
    },
  };
}
