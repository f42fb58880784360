import { overLimit, refused } from './errors';
import type { MediaType } from './types';

/** Watches the bytes on their way to the staging file: size limit, text validity, markup hidden in images. */
export interface Inspector {
  feed(chunk: Buffer): Buffer;
  end(): void;
  readonly size: number;
}

export function createInspector(type: MediaType, limitBytes: number): Inspector {
  let size = 0;
  const text = type.inspection === 'text' ? utf8Validator() : undefined;
  const markup = type.inspection === 'image' ? markupScanner() : undefined;
  return {
    get size() {
      return size;
    },
    feed(chunk) {
      size += chunk.length;
      if (size > limitBytes) throw overLimit(`${type.kind === 'file' ? 'files' : `${type.kind}s`} of type ${type.contentType.split(';')[0]}`, limitBytes);
      text?.feed(chunk);
      markup?.feed(chunk);
      return chunk;
    },
    end() {
      text?.end();
      markup?.end();
    },
  };
}

function utf8Validator() {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const fail = () => refused('text files must be UTF-8 without NUL characters');
  return {
    feed(chunk: Buffer) {
      if (chunk.includes(0)) throw fail();
      try {
        decoder.decode(chunk, { stream: true });
      } catch {
        throw fail();
      }
    },
    end() {
      try {
        decoder.decode();
      } catch {
        throw fail();
      }
    },
  };
}

// Tags followed by a delimiter keep random compressed bytes from matching by chance.
const TAGS = ['<script', '<html', '<svg', '<iframe', '<object', '<embed', '<body'].map((s) => Buffer.from(s));
const PREFIXES = ['<?php', '<!doctype html', 'javascript:'].map((s) => Buffer.from(s));
const LONGEST = Math.max(...[...TAGS, ...PREFIXES].map((b) => b.length)) + 1;
const DELIMITERS = new Set([0x20, 0x09, 0x0a, 0x0d, 0x0c, 0x2f, 0x3e]);

/** Finds HTML or script text anywhere in an image (payloads in metadata or after the image). */
function markupScanner() {
  let carry = Buffer.alloc(0);
  return {
    feed(chunk: Buffer) {
      const buf = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      // Positions whose whole marker may not have arrived yet are checked with the next chunk.
      const limit = buf.length - LONGEST;
      for (let i = buf.indexOf(0x3c); i !== -1 && i <= limit; i = buf.indexOf(0x3c, i + 1)) check(buf, i);
      for (let i = buf.indexOf(0x6a); i !== -1 && i <= limit; i = buf.indexOf(0x6a, i + 1)) check(buf, i);
      carry = Buffer.from(buf.subarray(Math.max(0, limit + 1)));
    },
    end() {
      for (let i = 0; i < carry.length; i++) check(carry, i);
    },
  };
}

function check(buf: Buffer, at: number): void {
  for (const tag of TAGS) {
    if (matchesIgnoringCase(buf, at, tag) && DELIMITERS.has(buf[at + tag.length]!)) throw refused('the image carries HTML or script');
  }
  for (const prefix of PREFIXES) {
    if (matchesIgnoringCase(buf, at, prefix)) throw refused('the image carries HTML or script');
  }
}

function matchesIgnoringCase(buf: Buffer, at: number, lower: Buffer): boolean {
  for (let k = 0; k < lower.length; k++) {
    const b = buf[at + k];
    if (b === undefined || (b >= 0x41 && b <= 0x5a ? b | 0x20 : b) !== lower[k]) return false;
  }
  return true;
}
