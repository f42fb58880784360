import { defineProjection, withRows } from '../framework';

/**
 * Messages and distinct active members per group and UTC day, for analysts. The example
 * walked through in docs/projections.md.
 */
export const groupDailyActivity = defineProjection({
  name: 'group-daily-activity',
  version: 1,
  storage: 'postgres',
  topics: ['messages'],
  tables: ['group_daily_activity', 'group_daily_senders'],
  views: { group_daily_activity: (t) => `SELECT * FROM ${t('group_daily_activity')}` },
  async setup({ client, table }) {
    await client.query(`CREATE TABLE ${table('group_daily_activity')} (
      group_id text NOT NULL, day date NOT NULL, messages int NOT NULL, active_members int NOT NULL, PRIMARY KEY (group_id, day))`);
    await client.query(`CREATE TABLE ${table('group_daily_senders')} (
      group_id text NOT NULL, day date NOT NULL, sender_id text NOT NULL, PRIMARY KEY (group_id, day, sender_id))`);
  },
  // Counts only add up, so every MessageSent of a batch can go into one statement.
  keys: () => undefined,
  batchHandlers: {
    MessageSent: (envelopes, ctx) => {
      const perSender = new Map<string, { group_id: string; day: string; sender_id: string; messages: number }>();
      for (const { event: e } of envelopes) {
        const day = new Date(e.occurredAt).toISOString().slice(0, 10);
        const k = `${e.groupId}/${day}/${e.senderId}`;
        const row = perSender.get(k) ?? { group_id: e.groupId, day, sender_id: e.senderId, messages: 0 };
        row.messages++;
        perSender.set(k, row);
      }
      const activity = ctx.table('group_daily_activity');
      return withRows(
        ctx,
        `WITH x AS (SELECT * FROM json_to_recordset($1::json) AS x(group_id text, day date, sender_id text, messages int)),
              first_today AS (INSERT INTO ${ctx.table('group_daily_senders')} (group_id, day, sender_id)
                              SELECT group_id, day, sender_id FROM x ON CONFLICT DO NOTHING RETURNING group_id, day),
              newcomers AS (SELECT group_id, day, count(*)::int AS n FROM first_today GROUP BY 1, 2),
              sent AS (SELECT group_id, day, sum(messages)::int AS n FROM x GROUP BY 1, 2)
         INSERT INTO ${activity} (group_id, day, messages, active_members)
         SELECT s.group_id, s.day, s.n, coalesce(c.n, 0) FROM sent s LEFT JOIN newcomers c USING (group_id, day)
         ON CONFLICT (group_id, day) DO UPDATE
           SET messages = ${activity}.messages + EXCLUDED.messages, active_members = ${activity}.active_members + EXCLUDED.active_members`,
        [...perSender.values()],
      );
    },
  },
});
