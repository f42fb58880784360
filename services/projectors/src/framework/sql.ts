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
