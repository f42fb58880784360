// The Postgres baseline: the rows a projection wrote, loaded again with COPY into tables of the
// same shape (columns, keys, indexes), with nothing else in the way.
import { createReadStream, createWriteStream, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { nowMs } from '../lib/hdr';
import { serveCalls } from '../lib/worker';

let url: string;
let files: { source: string; target: string; file: string }[] = [];

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function withClient<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

serveCalls({
  /** Exports each table's rows to a file and creates an empty copy of each table (LIKE … INCLUDING ALL). */
  async prepare({ databaseUrl, tables, dir }: { databaseUrl: string; tables: string[]; dir: string }) {
    url = databaseUrl;
    files = tables.map((t) => ({ source: t, target: `bench_copy_${t}`, file: join(dir, `copy-${process.pid}-${t}.bin`) }));
    const rows: Record<string, number> = {};
    for (const f of files) {
      await withClient(async (c) => {
        await c.query(`DROP TABLE IF EXISTS ${quote(f.target)}`);
        await c.query(`CREATE TABLE ${quote(f.target)} (LIKE ${quote(f.source)} INCLUDING ALL)`);
        await pipeline(c.query(copyTo(`COPY ${quote(f.source)} TO STDOUT (FORMAT binary)`)), createWriteStream(f.file));
        rows[f.source] = Number((await c.query(`SELECT count(*) AS n FROM ${quote(f.source)}`)).rows[0].n);
      });
    }
    return { rows };
  },

  /** COPY every file into its table, all tables at once, each on its own connection. */
  async load() {
    const started = nowMs();
    await Promise.all(
      files.map((f) => withClient(async (c) => pipeline(createReadStream(f.file), c.query(copyFrom(`COPY ${quote(f.target)} FROM STDIN (FORMAT binary)`))))),
    );
    return { seconds: (nowMs() - started) / 1000 };
  },

  async drop() {
    for (const f of files) {
      await withClient((c) => c.query(`DROP TABLE IF EXISTS ${quote(f.target)}`));
      rmSync(f.file, { force: true });
    }
    return {};
  },
});
