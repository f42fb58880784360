import type { EventOf } from '@groupchat/schemas';
import { defineProjection, ms, withRows } from '../framework';

/**
 * Each group's automatic moderation (docs/moderation.md), for its moderators to read: the last
 * AutoModerationSet of the group wins (one key per group keeps log order). The command API
 * decides sends on its own fold of the same events, not on this table.
 */
export const autoModeration = defineProjection({
  name: 'auto-moderation',
  version: 1,
  storage: 'postgres',
  topics: ['groups'],
  tables: ['auto_moderation'],
  async setup({ client, table }) {
    await client.query(`CREATE TABLE ${table('auto_moderation')} (
      group_id text PRIMARY KEY, patterns jsonb NOT NULL, action text NOT NULL, new_member_minutes int NOT NULL,
      new_member_slow_mode_seconds int NOT NULL, set_by text NOT NULL, set_at timestamptz NOT NULL)`);
  },
  keys: ({ event }) => [(event as EventOf<'AutoModerationSet'>).groupId],
  batchHandlers: {
    AutoModerationSet: (envelopes, ctx) =>
      withRows(
        ctx,
        `INSERT INTO ${ctx.table('auto_moderation')} AS a (group_id, patterns, action, new_member_minutes, new_member_slow_mode_seconds, set_by, set_at)
         SELECT group_id, patterns, action, new_member_minutes, new_member_slow_mode_seconds, set_by, ${ms('at')}
           FROM json_to_recordset($1::json)
             AS x(group_id text, patterns jsonb, action text, new_member_minutes int, new_member_slow_mode_seconds int, set_by text, at bigint)
         ON CONFLICT (group_id) DO UPDATE SET patterns = EXCLUDED.patterns, action = EXCLUDED.action, new_member_minutes = EXCLUDED.new_member_minutes,
           new_member_slow_mode_seconds = EXCLUDED.new_member_slow_mode_seconds, set_by = EXCLUDED.set_by, set_at = EXCLUDED.set_at`,
        envelopes.map(({ event: e }) => ({
          group_id: e.groupId,
          patterns: e.patterns,
          action: e.action,
          new_member_minutes: e.newMemberMinutes,
          new_member_slow_mode_seconds: e.newMemberSlowModeSeconds,
          set_by: e.setBy,
          at: e.occurredAt,
        })),
      ),
  },
});
