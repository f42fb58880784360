import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { withTransaction, type Pool } from '@groupchat/shared';
import { checkStructure } from './containers';
import type { DecodeSlots } from './decode-slots';
import { processImage } from './image';
import { withRandomAccess } from './random-access';
import { insertMedia, type NewMedia } from './repository';
import { holdQuota, type QuotaLimits } from './quota';
import { confirmType } from './sniff';
import type { StagedUpload } from './staging';
import type { MediaStore } from './store';
import { checkZip } from './zip';

export interface IngestDeps {
  pool: Pool;
  store: MediaStore;
  maxImagePixels: number;
  decode: DecodeSlots;
  quota: QuotaLimits;
}

export interface Ingested {
  media: NewMedia;
  thumbnail?: NewMedia;
}

/**
 * From a staged upload to stored media: confirms the type over the whole file, checks its
 * structure, re-encodes images and makes their thumbnail, then writes the objects and the
 * rows. Images wait for a decoding slot; the daily quota is held in the transaction of the rows.
 * Objects already written are removed again if anything after them fails.
 */
export async function ingest(staged: StagedUpload, ownerId: string, deps: IngestDeps): Promise<Ingested> {
  const type = await confirmType(staged.path, staged.type, staged.declared);
  const { durationMs } = await withRandomAccess(staged.path, async (file): Promise<{ durationMs?: number }> => {
    if (type.inspection !== 'zip') return checkStructure(file, type);
    await checkZip(file);
    return {};
  });

  const mediaId = randomUUID();
  const media: NewMedia = {
    mediaId,
    ownerId,
    kind: type.kind,
    contentType: type.contentType,
    size: staged.size,
    width: null,
    height: null,
    durationMs: durationMs ?? null,
    thumbnailMediaId: null,
    fileName: cleanFileName(staged.declared.fileName),
    storageKey: storageKey(mediaId),
  };
  const outputs = { main: `${staged.path}.main`, thumbnail: `${staged.path}.thumb` };
  const written: string[] = [];
  try {
    let source = staged.path;
    let thumbnail: NewMedia | undefined;
    if (type.inspection === 'image') {
      const image = await deps.decode.run(() => processImage(staged.path, type, outputs, deps.maxImagePixels));
      source = image.main.path;
      Object.assign(media, { width: image.main.width, height: image.main.height });
      const thumbnailId = randomUUID();
      thumbnail = {
        ...media,
        mediaId: thumbnailId,
        contentType: image.thumbnail.contentType,
        width: image.thumbnail.width,
        height: image.thumbnail.height,
        fileName: null,
        storageKey: storageKey(thumbnailId),
        size: 0,
      };
      thumbnail.size = (await deps.store.put(thumbnail.storageKey, createReadStream(image.thumbnail.path), thumbnail.contentType)).size;
      written.push(thumbnail.storageKey);
      media.thumbnailMediaId = thumbnailId;
    }
    media.size = (await deps.store.put(media.storageKey, createReadStream(source), media.contentType)).size;
    written.push(media.storageKey);
    await withTransaction(deps.pool, async (client) => {
      await holdQuota(client, ownerId, deps.quota, media.size + (thumbnail?.size ?? 0));
      if (thumbnail) await insertMedia(client, thumbnail);
      await insertMedia(client, media);
    });
    return { media, thumbnail };
  } catch (err) {
    await Promise.allSettled(written.map((key) => deps.store.delete(key)));
    throw err;
  } finally {
    await Promise.allSettled([rm(outputs.main, { force: true }), rm(outputs.thumbnail, { force: true })]);
  }
}

/** Objects are spread over 256 folders so that no folder grows huge on a local disk. */
export function storageKey(mediaId: string): string {
  return `media/${mediaId.slice(0, 2)}/${mediaId}`;
}

/**
 * The name shown in Content-Disposition: no path, no control or bidi-override characters
 * (which can disguise `gpj.exe` as `exe.jpg`), nothing a shell or Windows would choke on.
 */
export function cleanFileName(name: string | undefined): string | null {
  if (!name) return null;
  const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  const cleaned = trimDotsAndSpaces(
    base
      .normalize('NFC')
      .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
      .replace(/[<>:"|?*]/g, '_'),
  );
  if (!cleaned) return null;
  if (cleaned.length <= 200) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const ext = dot > 0 && cleaned.length - dot <= 11 ? cleaned.slice(dot) : '';
  return cleaned.slice(0, 200 - ext.length) + ext;
}

// By index, not with `[.\s]+$`: that pattern is retried from every character of a long run of
// dots and spaces not at the end, quadratic in the length of a hostile name.
function trimDotsAndSpaces(s: string): string {
  const trimmable = (c: string) => c === '.' || /\s/.test(c);
  let start = 0;
  let end = s.length;
  while (start < end && trimmable(s[start]!)) start++;
  while (end > start && trimmable(s[end - 1]!)) end--;
  return s.slice(start, end);
}
