/**
 * Rows in PostgreSQL's binary COPY format (https://www.postgresql.org/docs/current/sql-copy.html,
 * "Binary Format"): no text to parse on the server for numbers and times, and nothing to escape
 * here. Only the column types the projections write are known; each column names its type.
 */
export type CopyType = 'text' | 'int4' | 'int8' | 'bool' | 'jsonb' | 'timestamptz';

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
/** 2000-01-01T00:00:00Z, PostgreSQL's epoch, in Unix milliseconds. */
const PG_EPOCH_MS = 946_684_800_000;

/** Encodes rows (one value per column; null or undefined is SQL NULL) into one buffer. */
export function encodeBinaryCopy(types: readonly CopyType[], rows: readonly (readonly unknown[])[]): Buffer {
  const w = new Writer(SIGNATURE.length + 8 + rows.length * (2 + types.length * 12) + 2);
  w.bytes(SIGNATURE);
  w.int32(0); // flags
  w.int32(0); // header extension length
  for (const row of rows) {
    if (row.length !== types.length) throw new Error(`a row of ${row.length} values for ${types.length} columns`);
    w.int16(types.length);
    for (let i = 0; i < types.length; i++) field(w, types[i]!, row[i]);
  }
  w.int16(-1);
  return w.done();
}

function field(w: Writer, type: CopyType, value: unknown): void {
  if (value === null || value === undefined) return w.int32(-1);
  switch (type) {
    case 'text':
      return w.string(typeof value === 'string' ? value : String(value));
    case 'int4':
      w.int32(4);
      return w.int32(Number(value));
    case 'int8':
      w.int32(8);
      return w.int64(BigInt(value as number | bigint));
    case 'bool':
      w.int32(1);
      return w.byte(value ? 1 : 0);
    case 'jsonb':
      // jsonb's binary form: a version byte (1), then the JSON text.
      return w.string(JSON.stringify(value), 1);
    case 'timestamptz': {
      const ms = value instanceof Date ? value.getTime() : Number(value);
      if (!Number.isFinite(ms)) throw new Error(`not a time: ${String(value)}`);
      w.int32(8);
      return w.int64(BigInt(Math.round((ms - PG_EPOCH_MS) * 1000)));
    }
  }
}

/** A growing buffer. */
class Writer {
  private buf: Buffer;
  private at = 0;

  constructor(size: number) {
    this.buf = Buffer.allocUnsafe(Math.max(size, 256));
  }

  private room(n: number): void {
    if (this.at + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.at + n));
    this.buf.copy(next, 0, 0, this.at);
    this.buf = next;
  }

  byte(v: number): void {
    this.room(1);
    this.buf[this.at++] = v;
  }

  int16(v: number): void {
    this.room(2);
    this.at = this.buf.writeInt16BE(v, this.at);
  }

  int32(v: number): void {
    this.room(4);
    this.at = this.buf.writeInt32BE(v, this.at);
  }

  int64(v: bigint): void {
    this.room(8);
    this.at = this.buf.writeBigInt64BE(v, this.at);
  }

  bytes(b: Buffer): void {
    this.room(b.length);
    this.at += b.copy(this.buf, this.at);
  }

  /** A length-prefixed UTF-8 string, after an optional leading byte counted in the length. */
  string(s: string, lead?: number): void {
    const extra = lead === undefined ? 0 : 1;
    // At most 3 bytes per UTF-16 unit; the length is written once the real size is known.
    this.room(4 + extra + s.length * 3);
    const lengthAt = this.at;
    this.at += 4;
    if (lead !== undefined) this.buf[this.at++] = lead;
    const n = this.buf.write(s, this.at, 'utf8');
    this.at += n;
    this.buf.writeInt32BE(n + extra, lengthAt);
  }

  done(): Buffer {
    return this.buf.subarray(0, this.at);
  }
}
