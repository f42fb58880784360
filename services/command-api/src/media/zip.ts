import { refused, corrupt } from './errors';
import type { RandomAccess } from './random-access';

export interface ZipLimits {
  maxEntries: number;
  maxUncompressedBytes: number;
  /** Uncompressed ÷ compressed, for the whole archive and for any entry over 1 MB. */
  maxRatio: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntries: 10_000, maxUncompressedBytes: 1024 * 1024 * 1024, maxRatio: 100 };

interface Entry {
  name: string;
  nameLength: number;
  compressed: number;
  uncompressed: number;
  offset: number;
}

/**
 * Reads the central directory without inflating anything and refuses zip bombs: too many
 * entries, too much declared content, extreme compression ratios, entries that overlap (the
 * non-recursive bomb), and names that climb out of the extraction folder.
 */
export async function checkZip(file: RandomAccess, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<{ entries: number; uncompressed: number }> {
  const dir = await locateDirectory(file);
  if (dir.entries > limits.maxEntries) throw refused(`the archive has ${dir.entries} entries (at most ${limits.maxEntries})`);
  if (dir.size > 64 * 1024 * 1024) throw refused('the archive directory is too large');
  const cd = await file.read(dir.offset, dir.size);
  const entries: Entry[] = [];
  let pos = 0;
  let uncompressed = 0;
  let compressed = 0;
  for (let n = 0; n < dir.entries; n++) {
    if (pos + 46 > cd.length || cd.readUInt32LE(pos) !== 0x02014b50) throw corrupt('the archive directory is damaged');
    const nameLength = cd.readUInt16LE(pos + 28);
    const extraLength = cd.readUInt16LE(pos + 30);
    const commentLength = cd.readUInt16LE(pos + 32);
    const entry: Entry = {
      name: cd.subarray(pos + 46, pos + 46 + nameLength).toString('utf8'),
      nameLength,
      compressed: cd.readUInt32LE(pos + 20),
      uncompressed: cd.readUInt32LE(pos + 24),
      offset: cd.readUInt32LE(pos + 42),
    };
    applyZip64(entry, cd.subarray(pos + 46 + nameLength, pos + 46 + nameLength + extraLength));
    if (/(^|[\\/])\.\.([\\/]|$)/.test(entry.name) || /^([\\/]|[A-Za-z]:)/.test(entry.name))
      throw refused(`the archive holds an unsafe path: ${JSON.stringify(entry.name.slice(0, 100))}`);
    uncompressed += entry.uncompressed;
    compressed += entry.compressed;
    if (uncompressed > limits.maxUncompressedBytes)
      throw refused(`the archive expands to more than ${Math.round(limits.maxUncompressedBytes / 1024 / 1024)} MB (a zip bomb?)`);
    if (entry.uncompressed > 1024 * 1024 && entry.uncompressed > limits.maxRatio * Math.max(entry.compressed, 1))
      throw refused(`an archive entry is compressed more than ${limits.maxRatio}:1 (a zip bomb?)`);
    entries.push(entry);
    pos += 46 + nameLength + extraLength + commentLength;
  }
  if (uncompressed > 10 * 1024 * 1024 && uncompressed > limits.maxRatio * Math.max(compressed, 1))
    throw refused(`the archive is compressed more than ${limits.maxRatio}:1 (a zip bomb?)`);
  refuseOverlaps(entries, dir.offset);
  return { entries: entries.length, uncompressed };
}

async function locateDirectory(file: RandomAccess): Promise<{ entries: number; size: number; offset: number }> {
  const tailStart = Math.max(0, file.size - 65_557);
  const tail = await file.read(tailStart, file.size - tailStart);
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) !== 0x06054b50) continue;
    // The comment must run exactly to the end: nothing may be appended after the archive.
    if (i + 22 + tail.readUInt16LE(i + 20) !== tail.length) continue;
    const at = tailStart + i;
    if (tail.readUInt16LE(i + 4) !== 0 || tail.readUInt16LE(i + 6) !== 0) throw refused('multi-part archives are not accepted');
    let entries = tail.readUInt16LE(i + 10);
    let size = tail.readUInt32LE(i + 12);
    let offset = tail.readUInt32LE(i + 16);
    let end = at;
    if (entries === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
      const locator = await file.read(at - 20, 20);
      if (locator.length !== 20 || locator.readUInt32LE(0) !== 0x07064b50) throw corrupt('the archive directory is damaged');
      end = Number(locator.readBigUInt64LE(8));
      const record = await file.read(end, 56);
      if (record.length !== 56 || record.readUInt32LE(0) !== 0x06064b50) throw corrupt('the archive directory is damaged');
      entries = Number(record.readBigUInt64LE(32));
      size = Number(record.readBigUInt64LE(40));
      offset = Number(record.readBigUInt64LE(48));
    }
    if (offset + size !== end) throw corrupt('the archive directory is not where its end record says');
    return { entries, size, offset };
  }
  throw corrupt('the archive has no central directory, or data after its end');
}

/** ZIP64 extra field (0x0001): the 64-bit values of the fields set to 0xFFFFFFFF, in order. */
function applyZip64(entry: Entry, extra: Buffer): void {
  for (let p = 0; p + 4 <= extra.length;) {
    const id = extra.readUInt16LE(p);
    const len = extra.readUInt16LE(p + 2);
    if (id === 0x0001) {
      let q = p + 4;
      const next = () => {
        if (q + 8 > p + 4 + len) throw corrupt('the archive directory is damaged');
        const v = Number(extra.readBigUInt64LE(q));
        q += 8;
        return v;
      };
      if (entry.uncompressed === 0xffffffff) entry.uncompressed = next();
      if (entry.compressed === 0xffffffff) entry.compressed = next();
      if (entry.offset === 0xffffffff) entry.offset = next();
      return;
    }
    p += 4 + len;
  }
}

/** Each entry's local header and data must lie before the next entry's and before the directory. */
function refuseOverlaps(entries: Entry[], directoryOffset: number): void {
  const sorted = [...entries].sort((a, b) => a.offset - b.offset);
  for (let i = 0; i < sorted.length; i++) {
    const e = sorted[i]!;
    const end = e.offset + 30 + e.nameLength + e.compressed;
    const limit = sorted[i + 1]?.offset ?? directoryOffset;
    if (end > limit) throw refused('archive entries overlap (a zip bomb?)');
  }
}
