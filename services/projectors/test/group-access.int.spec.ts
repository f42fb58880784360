import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GROUP_ROLES } from '@groupchat/schemas/permissions';
import { GROUP_ACCESS_SQL, groupAccess, type GroupAccessFacts, type Standing } from '@groupchat/schemas/access';
import { createRuntime, type Runtime } from '@groupchat/shared';
import { isolatedConfig } from '@groupchat/test-kit';

const cases: { facts: GroupAccessFacts; standing: Standing }[] = [];
for (const kind of ['group', 'direct'] as const)
  for (const visibility of ['public', 'private'] as const)
    for (const deleted of [false, true])
      for (const role of [null, ...GROUP_ROLES])
        for (const invited of [false, true])
          for (const banned of [false, true]) cases.push({ facts: { visibility, deleted, kind }, standing: { role, invited, banned } });

describe('the access rule in SQL', () => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await createRuntime(isolatedConfig(), 'group-access-test');
    // The columns of the groups projection's views that the function reads.
    await rt.pool.query(`CREATE TABLE groups (group_id text PRIMARY KEY, visibility text NOT NULL, deleted boolean NOT NULL, kind text NOT NULL);
      CREATE TABLE memberships (group_id text, user_id text, role text NOT NULL, PRIMARY KEY (group_id, user_id));
      CREATE TABLE invites (group_id text, user_id text, PRIMARY KEY (group_id, user_id));
      CREATE TABLE bans (group_id text, user_id text, until timestamptz, PRIMARY KEY (group_id, user_id))`);
    await rt.pool.query(GROUP_ACCESS_SQL);
    for (const [i, { facts, standing }] of cases.entries()) {
      await rt.pool.query('INSERT INTO groups VALUES ($1, $2, $3, $4)', [`g${i}`, facts.visibility, facts.deleted, facts.kind]);
      if (standing.role) await rt.pool.query('INSERT INTO memberships VALUES ($1, $2, $3)', [`g${i}`, 'u', standing.role]);
      if (standing.invited) await rt.pool.query('INSERT INTO invites VALUES ($1, $2)', [`g${i}`, 'u']);
      // A ban over is no ban: each banned case has one in force, each other case one that has ended.
      await rt.pool.query(`INSERT INTO bans VALUES ($1, $2, $3)`, [
        `g${i}`,
        'u',
        standing.banned ? (i % 4 === 1 ? null : new Date(Date.now() + 3600_000)) : new Date(Date.now() - 1000),
      ]);
    }
  });
  afterAll(() => rt?.close());

  it(`answers as groupAccess for each of the ${cases.length} cases of kind, visibility, deletion, role, invite and ban`, async () => {
    const { rows } = await rt.pool.query(
      `SELECT a.* FROM unnest($1::text[]) AS c(id) CROSS JOIN LATERAL group_access(c.id, 'u') a ORDER BY substr(a.group_id, 2)::int`,
      [cases.map((_, i) => `g${i}`)],
    );
    const fromSql = rows.map((r) => ({ see: r.can_see, read: r.can_read, participate: r.can_participate, moderate: r.can_moderate, join: r.can_join }));
    expect(fromSql).toEqual(cases.map(({ facts, standing }) => groupAccess(facts, standing)));
    // Someone else's standing is not the caller's, and an unknown group has no row.
    expect((await rt.pool.query(`SELECT can_see FROM group_access('g1', 'other')`)).rows).toEqual([{ can_see: true }]);
    expect((await rt.pool.query(`SELECT * FROM group_access('nope', 'u')`)).rows).toEqual([]);
  });
});
