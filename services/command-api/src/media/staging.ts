import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy, { type FileInfo } from 'busboy';
import type { Request } from 'express';
import { badRequest } from '@groupchat/shared';
import { emptyFile, overLimit, refused } from './errors';
import { createInspector, type Inspector } from './inspector';
import { classifyHead, type Declared } from './sniff';
import type { MediaKind, MediaType } from './types';

export interface StagingOptions {
  tmpDir: string;
  limitFor(kind: MediaKind): number;
  /** The largest of the per-kind limits: nothing bigger is read. */
  maxBytes: number;
}

/** An upload written to a private staging file, its type decided from its first bytes. */
export interface StagedUpload {
  path: string;
  size: number;
  type: MediaType;
  declared: Declared;
}

/** How long a refusal waits for the partial staging file to be removed. */
const LEFTOVER_WAIT_MS = 2000;

/** Enough for every signature file-type knows except those inside zips (confirmed on the whole file). */
const HEAD_BYTES = 64 * 1024;

/**
 * Streams the multipart field `file` to a staging file, never holding more than the head in
 * memory. The type is decided from the head before anything is written, the size limit of that
 * type is enforced while the bytes flow, and a refused upload leaves no staging file behind.
 * On refusal the rest of the request is discarded as it arrives.
 */
export async function stageUpload(req: Request, options: StagingOptions): Promise<StagedUpload> {
  const length = Number(req.get('content-length') ?? 0);
  if (length > options.maxBytes + 1024 * 1024) throw overLimit('uploads', options.maxBytes);
  await mkdir(options.tmpDir, { recursive: true, mode: 0o700 });
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: req.headers,
      defParamCharset: 'utf8',
      limits: { files: 1, fileSize: options.maxBytes + 1, fields: 10, fieldSize: 4096, parts: 20, headerPairs: 50 },
    });
  } catch {
    throw refused('uploads are multipart/form-data with the file in the field "file"');
  }
  return new Promise<StagedUpload>((resolve, reject) => {
    let settled = false;
    let staging: Promise<StagedUpload> | undefined;
    const fail = (err: unknown) => {
      if (settled) return;
      settled = true;
      req.unpipe(parser);
      req.resume();
      // A file still being staged is removed before the refusal is answered (bounded: a stage
      // cut off from its input may never settle; its own cleanup and the sweeper remain).
      const leftover = staging
        ? staging.then(
            (staged) => rm(staged.path, { force: true }),
            () => undefined,
          )
        : Promise.resolve();
      let timer: NodeJS.Timeout | undefined;
      const bound = new Promise<void>((r) => (timer = setTimeout(r, LEFTOVER_WAIT_MS)));
      void Promise.race([leftover, bound]).finally(() => {
        clearTimeout(timer);
        reject(err);
      });
    };
    parser.on('file', (name: string, stream: Readable, info: FileInfo) => {
      if (name !== 'file' || staging) {
        stream.resume();
        return;
      }
      staging = stageFile(stream, info, options);
      staging.catch(fail);
    });
    parser.on('close', () => {
      if (!staging) return fail(badRequest('the multipart field "file" is missing', 'file_missing'));
      staging.then((staged) => {
        if (settled) return void rm(staged.path, { force: true });
        settled = true;
        resolve(staged);
      }, fail);
    });
    parser.on('error', (err: Error) => fail(badRequest(`malformed multipart body: ${err.message}`, 'malformed_multipart')));
    req.on('close', () => {
      if (!req.complete) fail(badRequest('the upload was interrupted', 'upload_interrupted'));
    });
    req.pipe(parser);
  });
}

async function stageFile(stream: Readable & { truncated?: boolean }, info: FileInfo, options: StagingOptions): Promise<StagedUpload> {
  const declared: Declared = { fileName: info.filename, mimeType: info.mimeType };
  const path = join(options.tmpDir, `upload-${randomUUID()}`);
  let type: MediaType | undefined;
  let inspector: Inspector | undefined;
  const begin = async (head: Buffer) => {
    if (!head.length) throw emptyFile();
    type = await classifyHead(head, declared);
    inspector = createInspector(type, options.limitFor(type.kind));
    return inspector.feed(head);
  };
  try {
    // Called synchronously from busboy's 'file' event: the stream must have its error listener before busboy can fail it.
    await pipeline(
      stream,
      async function* (source: AsyncIterable<Buffer>) {
        let head: Buffer[] = [];
        let headLength = 0;
        for await (const chunk of source) {
          if (inspector) {
            yield inspector.feed(chunk);
            continue;
          }
          head.push(chunk);
          headLength += chunk.length;
          if (headLength >= HEAD_BYTES) {
            yield await begin(Buffer.concat(head));
            head = [];
          }
        }
        if (!inspector) yield await begin(Buffer.concat(head));
        inspector!.end();
      },
      createWriteStream(path, { flags: 'wx', mode: 0o600 }),
    );
    if (stream.truncated) throw overLimit('uploads', options.maxBytes);
    return { path, size: inspector!.size, type: type!, declared };
  } catch (err) {
    stream.resume();
    await rm(path, { force: true });
    throw err;
  }
}
