import type { Readable } from 'node:stream';

/** Inclusive byte range, as in HTTP Range. */
export interface ByteRange {
  start: number;
  end: number;
}

export interface StoredObject {
  size: number;
  contentType: string;
}

/**
 * Where media bytes live. Keys are opaque to callers; objects are written once and never
 * changed, so readers may cache them.
 */
export interface MediaStore {
  readonly name: string;
  /** Writes the whole stream under `key`; the object appears only once it is complete. */
  put(key: string, body: Readable, contentType: string): Promise<StoredObject>;
  /** The object's bytes (or a range of them); when absent, rejects or the stream fails with MediaObjectMissing. */
  get(key: string, range?: ByteRange): Promise<Readable>;
  head(key: string): Promise<StoredObject | undefined>;
  /** Idempotent: deleting an absent key succeeds. */
  delete(key: string): Promise<void>;
}

export class MediaObjectMissing extends Error {
  constructor(readonly key: string) {
    super(`no media object ${key}`);
  }
}

const KEY = /^[a-z0-9][a-z0-9_-]*(\/[a-z0-9][a-z0-9_.-]*)*$/;

/** Keys are made by us, but a key that could leave the store's root is refused all the same. */
export function checkKey(key: string): string {
  if (!KEY.test(key) || key.includes('..') || key.length > 200) throw new Error(`invalid media key ${JSON.stringify(key)}`);
  return key;
}
