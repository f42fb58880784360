import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool, ensureDatabase, type Pool } from '@groupchat/shared';
import { isolatedConfig } from '@groupchat/test-kit';
import { copyRows } from '../src/framework/sql';

describe('binary COPY', () => {
  let pool: Pool;
  beforeAll(async () => {
    const config = isolatedConfig();
    await ensureDatabase(config.DATABASE_URL);
    pool = createPool(config, 2);
  });
  afterAll(() => pool?.end());

  it('writes every column type the projections use as Postgres reads it back, NULLs included', async () => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`CREATE TEMP TABLE t (id text PRIMARY KEY, p int, o bigint, b boolean, j jsonb, at timestamptz, note text)`);
      const at = new Date('2026-12-02T03:04:05.678Z');
      const rows = [
        ['a', 7, 9_007_199_254_740_991, true, { x: [1, 'é', null], s: 'tab\there\nand "quotes" \\ 😀' }, at, 'naïve 😀 text'],
        // A time as epoch milliseconds, before Postgres's epoch (2000).
        ['b', -2_147_483_648, -1, false, [], 0, ''],
        ['c', null, null, null, null, null, null],
      ];
      let fellBack = false;
      const cols = { id: 'text', p: 'int4', o: 'int8', b: 'bool', j: 'jsonb', at: 'timestamptz', note: 'text' } as const;
      await copyRows({ client }, 't', cols, rows, async () => void (fellBack = true));
      const { rows: back } = await client.query(`SELECT id, p, o::text, b, j, at, note FROM t ORDER BY id`);
      expect(fellBack).toBe(false);
      expect(back).toEqual([
        { id: 'a', p: 7, o: '9007199254740991', b: true, j: rows[0]![4], at, note: 'naïve 😀 text' },
        { id: 'b', p: -2_147_483_648, o: '-1', b: false, j: [], at: new Date(0), note: '' },
        { id: 'c', p: null, o: null, b: null, j: null, at: null, note: null },
      ]);
      // A row already there fails the COPY, which is undone; the fallback runs instead.
      await copyRows({ client }, 't', cols, [rows[2]!], async () => void (fellBack = true));
      expect(fellBack).toBe(true);
      expect((await client.query(`SELECT count(*)::int AS n FROM t`)).rows[0].n).toBe(3);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });
});
