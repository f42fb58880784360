import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool, retainedSql, retentionDaysSql, type PoolClient } from '@groupchat/shared';
import { stackEnv } from '@groupchat/test-kit';
import { GROUP_COLUMNS } from '../src/groups/group-row';

/**
 * Retention is read from the groups view, which gains `retention_days` in groups v5. Until v5 has
 * caught up after an upgrade, the live view is the one before: every read must go on, keeping all.
 */
describe('retention reads across the groups v5 upgrade', () => {
  const pool = createPool({ DATABASE_URL: stackEnv().DATABASE_URL }, 1);
  const schema = `retention_${randomBytes(5).toString('hex')}`;
  let client: PoolClient;
  const kept = async () =>
    (await client.query<{ message_id: string }>(`SELECT m.message_id FROM messages m WHERE ${retainedSql('m')} ORDER BY m.message_id`)).rows.map(
      (r) => r.message_id,
    );

  beforeAll(async () => {
    client = await pool.connect();
    await client.query(`CREATE SCHEMA ${schema}; SET search_path TO ${schema}, public`);
    await client.query(`CREATE TABLE messages (message_id text, group_id text, sent_at timestamptz)`);
    await client.query(`INSERT INTO messages VALUES ('old', 'g1', now() - interval '40 days'), ('new', 'g1', now())`);
  });
  afterAll(async () => {
    await client?.query(`DROP SCHEMA ${schema} CASCADE`).catch(() => undefined);
    client?.release();
    await pool.end();
  });

  it('keeps every message, and lists groups, while the live groups view has no retention_days', async () => {
    await client.query(`CREATE VIEW groups AS SELECT 'g1'::text AS group_id, 'G'::text AS name`);
    expect(await kept()).toEqual(['new', 'old']);
    expect((await client.query(`SELECT ${retentionDaysSql('g')} AS retention_days FROM groups g`)).rows).toEqual([{ retention_days: null }]);
  });

  it('applies the retention once the view has it', async () => {
    await client.query(`DROP VIEW groups; CREATE VIEW groups AS SELECT 'g1'::text AS group_id, 'G'::text AS name, 30 AS retention_days`);
    expect(await kept()).toEqual(['new']);
    expect((await client.query(`SELECT ${retentionDaysSql('g')} AS retention_days FROM groups g`)).rows).toEqual([{ retention_days: 30 }]);
    expect(GROUP_COLUMNS).toContain(retentionDaysSql('g'));
  });
});
