import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';

const utf8 = new TextEncoder();

/**
 * A zip written entry by entry into `stream`, with backpressure: each chunk waits until the
 * reader (the media store's upload) has taken the ones before, so an export of any size holds
 * only a chunk or two in memory. JSON is deflated; uploads, mostly compressed already, are stored.
 */
export class ZipWriter {
  readonly stream = new PassThrough();
  private readonly zip = new Zip((err, chunk, final) => {
    if (err) return void this.stream.destroy(err);
    this.stream.write(chunk);
    if (final) this.stream.end();
  });

  async entry(name: string, chunks: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>, { compress = true } = {}): Promise<void> {
    const file = compress ? new ZipDeflate(name, { level: 6 }) : new ZipPassThrough(name);
    file.mtime = new Date();
    this.zip.add(file);
    for await (const chunk of chunks) {
      file.push(typeof chunk === 'string' ? utf8.encode(chunk) : chunk);
      await this.drained();
    }
    file.push(new Uint8Array(0), true);
    await this.drained();
  }

  end(): void {
    this.zip.end();
  }

  /** Stops the archive: the stream fails, so a half-written object is never stored as complete. */
  abort(err: Error): void {
    this.zip.terminate();
    this.stream.destroy(err);
  }

  private async drained(): Promise<void> {
    if (this.stream.writableNeedDrain) await once(this.stream, 'drain');
  }
}

/** A name safe in every unzip tool: letters, digits, dot, dash and underscore, at most 60 characters. */
export function safeName(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[^\w.-]+/g, '-')
      .replace(/^[.-]+|-+$/g, '')
      .slice(0, 60) || 'file'
  );
}
