import { fileTypeFromBuffer } from 'file-type';
import { corrupt, refused } from './errors';
import type { RandomAccess } from './random-access';
import type { MediaType } from './types';

/**
 * Walks the file's own structure to its end, so that a file cut short, or carrying something
 * after its end (a polyglot: a zip, a page, a program), is refused rather than stored.
 * Returns what the structure tells about the media (duration for MP4).
 */
export async function checkStructure(file: RandomAccess, type: MediaType): Promise<{ durationMs?: number }> {
  if (type.inspection === 'image') await refuseAppendedArchive(file);
  switch (type.id) {
    case 'png':
      await checkPng(file);
      return {};
    case 'jpg':
      await checkJpeg(file);
      return {};
    case 'gif':
      await checkGif(file);
      return {};
    case 'webp':
      await checkRiff(file);
      return {};
    case 'avif':
    case 'mp4':
    case 'm4a':
      return checkIsoBmff(file);
    default:
      return {};
  }
}

const PNG_IEND = Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);

async function checkPng(file: RandomAccess): Promise<void> {
  let pos = 8;
  for (let chunks = 0; pos + 12 <= file.size; chunks++) {
    if (chunks > 200_000) throw corrupt('the PNG has too many chunks');
    const header = await file.read(pos, 8);
    const length = header.readUInt32BE(0);
    const type = header.subarray(4, 8).toString('latin1');
    if (!/^[A-Za-z]{4}$/.test(type) || length > 0x7fffffff) throw corrupt('the PNG is damaged');
    const end = pos + 12 + length;
    if (type === 'IEND') {
      if (!(await file.read(pos, 12)).equals(PNG_IEND)) throw corrupt('the PNG is damaged');
      return afterEnd(file, end, 'PNG');
    }
    pos = end;
  }
  throw corrupt('the PNG is truncated (no IEND chunk)');
}

async function checkGif(file: RandomAccess): Promise<void> {
  const last = await file.read(file.size - 1, 1);
  if (last[0] !== 0x3b) throw corrupt('the GIF is truncated or has data after its end');
}

async function checkRiff(file: RandomAccess): Promise<void> {
  const header = await file.read(0, 12);
  const declared = header.readUInt32LE(4) + 8;
  if (declared > file.size) throw corrupt('the file is truncated');
  if (declared + (declared & 1) < file.size) await afterEnd(file, declared, 'WebP');
}

/**
 * JPEG: markers with lengths up to each scan, entropy-coded data up to the next marker,
 * until EOI. Only padding, or a motion-photo video (which the re-encoding drops), may follow.
 */
async function checkJpeg(file: RandomAccess): Promise<void> {
  const reader = new ByteReader(file);
  let pos = 2;
  for (let segments = 0; segments < 100_000; segments++) {
    if ((await reader.byte(pos)) !== 0xff) throw corrupt('the JPEG is damaged');
    while ((await reader.byte(pos + 1)) === 0xff) pos++;
    const marker = await reader.byte(pos + 1);
    if (marker === undefined) break;
    if (marker === 0xd9) return afterEnd(file, pos + 2, 'JPEG', true);
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      pos += 2;
      continue;
    }
    const hi = await reader.byte(pos + 2);
    const lo = await reader.byte(pos + 3);
    if (hi === undefined || lo === undefined) break;
    pos += 2 + ((hi << 8) | lo);
    if (marker === 0xda) {
      const next = await reader.nextMarker(pos);
      if (next === undefined) break;
      pos = next;
    }
  }
  throw corrupt('the JPEG is truncated (no end of image)');
}

async function checkIsoBmff(file: RandomAccess): Promise<{ durationMs?: number }> {
  let pos = 0;
  let durationMs: number | undefined;
  for (let boxes = 0; pos < file.size; boxes++) {
    if (boxes > 100_000) throw corrupt('the file has too many boxes');
    const header = await file.read(pos, 16);
    if (header.length < 8) throw corrupt('the file is damaged (a partial box at its end)');
    let size = header.readUInt32BE(0);
    const type = header.subarray(4, 8).toString('latin1');
    if (!/^[\x20-\x7e\xa9]{4}$/.test(type) || (boxes === 0 && type !== 'ftyp')) throw corrupt('the file is not a well-formed MP4/ISO media file');
    if (size === 1) {
      if (header.length < 16) throw corrupt('the file is damaged');
      size = Number(header.readBigUInt64BE(8));
    } else if (size === 0) {
      size = file.size - pos;
    }
    if (size < 8 || pos + size > file.size) throw corrupt('the file is truncated');
    if (type === 'moov') durationMs = await movieDuration(file, pos + 8, pos + size);
    pos += size;
  }
  return durationMs === undefined ? {} : { durationMs };
}

async function movieDuration(file: RandomAccess, start: number, end: number): Promise<number | undefined> {
  for (let pos = start, n = 0; pos + 8 <= end && n < 64; n++) {
    const header = await file.read(pos, 8);
    const size = header.readUInt32BE(0);
    if (header.subarray(4, 8).toString('latin1') === 'mvhd') {
      const body = await file.read(pos + 8, 32);
      const v1 = body[0] === 1;
      const timescale = v1 ? body.readUInt32BE(20) : body.readUInt32BE(12);
      const duration = v1 ? Number(body.readBigUInt64BE(24)) : body.readUInt32BE(16);
      return timescale > 0 && duration > 0 && duration < 2 ** 53 ? Math.round((duration / timescale) * 1000) : undefined;
    }
    if (size < 8) return undefined;
    pos += size;
  }
  return undefined;
}

/** A zip's directory sits at the end of the file, so a zip appended to an image is found there. */
async function refuseAppendedArchive(file: RandomAccess): Promise<void> {
  const tailStart = Math.max(0, file.size - 65_557);
  const tail = await file.read(tailStart, file.size - tailStart);
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) !== 0x06054b50) continue;
    const cdSize = tail.readUInt32LE(i + 12);
    const commentLength = tail.readUInt16LE(i + 20);
    if (i + 22 + commentLength === tail.length && cdSize <= tailStart + i) throw refused('the image has an archive appended (a polyglot file)');
  }
}

/** What follows the end of the media: nothing, zero padding, or (for JPEG) a motion-photo video. */
async function afterEnd(file: RandomAccess, end: number, what: string, allowVideo = false): Promise<void> {
  if (end >= file.size) return;
  const rest = await file.read(end, Math.min(file.size - end, 64 * 1024));
  if (rest.every((b) => b === 0) && file.size - end <= rest.length) return;
  if (allowVideo) {
    const trailer = await fileTypeFromBuffer(rest);
    if (trailer?.mime === 'video/mp4' || trailer?.mime === 'video/quicktime') return;
  }
  throw refused(`the ${what} has ${file.size - end} bytes of other data after its end (a polyglot file?)`);
}

/** Sequential byte access through a 64 KB window, for walking entropy-coded JPEG data. */
class ByteReader {
  private start = 0;
  private buf: Buffer = Buffer.alloc(0);
  constructor(private readonly file: RandomAccess) {}

  async byte(pos: number): Promise<number | undefined> {
    if (pos < this.start || pos >= this.start + this.buf.length) {
      this.start = pos;
      this.buf = await this.file.read(pos, 64 * 1024);
    }
    return this.buf[pos - this.start];
  }

  /** The position of the next marker (0xFF not followed by 0x00, a restart marker or fill). */
  async nextMarker(from: number): Promise<number | undefined> {
    for (let pos = from; pos < this.file.size;) {
      await this.byte(pos);
      const i = this.buf.indexOf(0xff, pos - this.start);
      if (i === -1) {
        pos = this.start + this.buf.length;
        continue;
      }
      const at = this.start + i;
      const next = await this.byte(at + 1);
      if (next === undefined) return undefined;
      if (next !== 0x00 && next !== 0xff && !(next >= 0xd0 && next <= 0xd7)) return at;
      pos = at + 1;
    }
    return undefined;
  }
}
