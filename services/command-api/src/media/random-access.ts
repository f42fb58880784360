import { open, type FileHandle } from 'node:fs/promises';

/** Reads pieces of a staged file by offset. */
export interface RandomAccess {
  readonly size: number;
  /** Up to `length` bytes from `offset` (fewer at the end of the file). */
  read(offset: number, length: number): Promise<Buffer>;
}

export async function withRandomAccess<T>(path: string, fn: (file: RandomAccess) => Promise<T>): Promise<T> {
  const handle: FileHandle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    return await fn({
      size,
      async read(offset, length) {
        const n = Math.max(0, Math.min(length, size - offset));
        const buf = Buffer.alloc(n);
        if (n) await handle.read(buf, 0, n, offset);
        return buf;
      },
    });
  } finally {
    await handle.close();
  }
}
