import { from } from 'pg-copy-streams';
import type { PostgresContext } from './types';

/**
 * Runs `sql` with `$1` bound to `rows` as one JSON array, read in SQL with
 * `json_to_recordset($1::json) AS x(col type, …)`: any number of rows in one round trip.
 * Timestamps travel as epoch milliseconds; convert them with `ms(x.col)`.
 */
export async function withRows(ctx: Pick<PostgresContext, 'client'>, sql: string, rows: object[]): Promise<void> {
  if (rows.length) await ctx.client.query(sql, [JSON.stringify(rows)]);
}

/** SQL for an epoch-milliseconds column as timestamptz. */
export const ms = (column: string) => `to_timestamp(${column} / 1000.0)`;

const UNIQUE_VIOLATION = '23505';

/**
 * Appends rows with COPY, the fastest way into Postgres (a rebuild is mostly appends). A row
 * that is already there (a duplicated event) fails the COPY; then the COPY is undone and
 * `orInsert` runs instead, an INSERT … ON CONFLICT that can skip it. Values: strings, numbers,
 * booleans, null, Dates, and objects (written as JSON).
 */
export async function copyRows(
  ctx: Pick<PostgresContext, 'client'>,
  table: string,
  columns: string[],
  rows: unknown[][],
  orInsert: () => Promise<void>,
): Promise<void> {
  if (!rows.length) return;
  const { client } = ctx;
  await client.query('SAVEPOINT projection_copy');
  try {
    await new Promise<void>((resolve, reject) => {
      const stream = client.query(from(`COPY ${table} (${columns.map((c) => `"${c}"`).join(', ')}) FROM STDIN`));
      stream.on('error', reject);
      stream.on('finish', resolve);
      stream.end(rows.map((r) => r.map(field).join('\t')).join('\n') + '\n');
    });
    // Not released: the commit releases it, and a later savepoint of the same name shadows it.
  } catch (err) {
    if ((err as { code?: string }).code !== UNIQUE_VIOLATION) throw err;
    await client.query('ROLLBACK TO SAVEPOINT projection_copy');
    await orInsert();
  }
}

/** One value in COPY's text format. */
function field(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  let text: string;
  switch (typeof value) {
    case 'string':
      text = value;
      break;
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    default:
      if (value instanceof Date) return value.toISOString();
      text = JSON.stringify(value);
  }
  // Most values have nothing to escape; testing first skips building a copy of each.
  return SPECIAL.test(text) ? text.replace(SPECIALS, (c) => ESCAPED[c]!) : text;
}

const SPECIAL = /[\\\n\r\t]/;
const SPECIALS = /[\\\n\r\t]/g;
const ESCAPED: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
