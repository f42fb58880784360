import { from } from 'pg-copy-streams';
import { encodeBinaryCopy, type CopyType } from './copy-binary';
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
 * Appends rows with binary COPY, the fastest way into Postgres (a rebuild is mostly appends).
 * `columns` maps each column, in the rows' order, to its type. A row that is already there (a
 * duplicated event) fails the COPY; then the COPY is undone and `orInsert` runs instead, an
 * INSERT … ON CONFLICT that can skip it. Values: strings, numbers, booleans, null, Dates (or
 * epoch milliseconds) for times, anything JSON for jsonb.
 */
export async function copyRows(
  ctx: Pick<PostgresContext, 'client'>,
  table: string,
  columns: Record<string, CopyType>,
  rows: unknown[][],
  orInsert: () => Promise<void>,
): Promise<void> {
  if (!rows.length) return;
  const { client } = ctx;
  const data = encodeBinaryCopy(Object.values(columns), rows);
  await client.query('SAVEPOINT projection_copy');
  try {
    await new Promise<void>((resolve, reject) => {
      const stream = client.query(
        from(
          `COPY ${table} (${Object.keys(columns)
            .map((c) => `"${c}"`)
            .join(', ')}) FROM STDIN (FORMAT binary)`,
        ),
      );
      stream.on('error', reject);
      stream.on('finish', resolve);
      stream.end(data);
    });
    // Not released: the commit releases it, and a later savepoint of the same name shadows it.
  } catch (err) {
    if ((err as { code?: string }).code !== UNIQUE_VIOLATION) throw err;
    await client.query('ROLLBACK TO SAVEPOINT projection_copy');
    await orInsert();
  }
}
