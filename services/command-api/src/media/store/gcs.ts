import { Storage, type StorageOptions } from '@google-cloud/storage';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { checkKey, MediaObjectMissing, type MediaStore, type StoredObject } from './store';

export interface GcsStoreOptions {
  bucket: string;
  /** e.g. http://127.0.0.1:4443 for fake-gcs-server; unset in production. */
  apiEndpoint?: string;
  projectId?: string;
}

/** Objects in one Google Cloud Storage bucket; credentials come from the environment (ADC). */
export function createGcsStore(options: GcsStoreOptions): MediaStore {
  const storageOptions: StorageOptions = { projectId: options.projectId, retryOptions: { autoRetry: true, maxRetries: 3 } };
  if (options.apiEndpoint) storageOptions.apiEndpoint = options.apiEndpoint;
  const bucket = new Storage(storageOptions).bucket(options.bucket);

  return {
    name: 'gcs',
    async put(key, body, contentType) {
      const file = bucket.file(checkKey(key));
      // Single-request uploads: the object appears only when the request completes, so a failed upload leaves nothing.
      await pipeline(
        body,
        file.createWriteStream({ resumable: false, contentType, metadata: { contentType, cacheControl: 'private, max-age=31536000, immutable' } }),
      );
      const [meta] = await file.getMetadata();
      return { size: Number(meta.size), contentType: meta.contentType ?? contentType };
    },
    async get(key, range) {
      const source = bucket.file(checkKey(key)).createReadStream(range ? { start: range.start, end: range.end, validation: false } : {});
      // The request starts only when read, so a missing object shows up as the returned stream's error.
      const out = new PassThrough();
      source.once('error', (err: Error & { code?: number }) => out.destroy(err.code === 404 ? new MediaObjectMissing(key) : err));
      out.once('close', () => source.destroy());
      source.pipe(out);
      return out;
    },
    async head(key): Promise<StoredObject | undefined> {
      try {
        const [meta] = await bucket.file(checkKey(key)).getMetadata();
        return { size: Number(meta.size), contentType: meta.contentType ?? 'application/octet-stream' };
      } catch (err) {
        if ((err as { code?: number }).code === 404) return undefined;
        throw err;
      }
    },
    async delete(key) {
      await bucket.file(checkKey(key)).delete({ ignoreNotFound: true });
    },
  };
}
