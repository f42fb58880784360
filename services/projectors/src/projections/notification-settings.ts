import type { EventOf } from '@groupchat/schemas';
import { defineProjection, ms, withRows, type Envelope, type PostgresContext } from '../framework';

/**
 * How each conversation notifies each user (docs/notifications.md): the last setting per
 * (user, conversation), and per user the default (group_id '' in the table, NULL in the view).
 * An event carries the whole setting and one user's events share a partition, so the greater
 * offset wins: a replayed or repeated event changes nothing. A conversation setting with
 * neither level nor mute is "follow my default" and is left out of the view.
 */
export const notificationSettings = defineProjection({
  name: 'notification-settings',
  version: 1,
  storage: 'postgres',
  topics: ['users'],
  tables: ['notification_settings'],
  views: {
    notification_settings: (t) =>
      `SELECT user_id, NULLIF(group_id, '') AS group_id, level, mute_until, push_text, partition, "offset"
         FROM ${t('notification_settings')} WHERE group_id = '' OR level IS NOT NULL OR mute_until IS NOT NULL`,
  },
  async setup({ client, table }) {
    await client.query(`CREATE TABLE ${table('notification_settings')} (
      user_id text NOT NULL, group_id text NOT NULL, level text, mute_until timestamptz, push_text text,
      partition int NOT NULL, "offset" bigint NOT NULL,
      PRIMARY KEY (user_id, group_id))`);
  },
  keys: ({ event }) => {
    const e = event as EventOf<'NotificationSettingsChanged'>;
    return [`${e.userId}/${e.groupId ?? ''}`];
  },
  batchHandlers: { NotificationSettingsChanged: (envelopes, ctx) => change(envelopes, ctx) },
});

function change(envelopes: Envelope<EventOf<'NotificationSettingsChanged'>>[], ctx: PostgresContext) {
  const table = ctx.table('notification_settings');
  return withRows(
    ctx,
    `INSERT INTO ${table} AS s (user_id, group_id, level, mute_until, push_text, partition, "offset")
     SELECT user_id, group_id, level, CASE WHEN mute_until IS NULL THEN NULL ELSE ${ms('mute_until')} END, push_text, partition, "offset"
       FROM json_to_recordset($1::json) AS x(user_id text, group_id text, level text, mute_until bigint, push_text text, partition int, "offset" bigint)
     ON CONFLICT (user_id, group_id) DO UPDATE
       SET level = EXCLUDED.level, mute_until = EXCLUDED.mute_until, push_text = EXCLUDED.push_text,
           partition = EXCLUDED.partition, "offset" = EXCLUDED."offset"
     WHERE s."offset" < EXCLUDED."offset"`,
    envelopes.map(({ event: e, partition, offset }) => ({
      user_id: e.userId,
      group_id: e.groupId ?? '',
      level: e.level,
      mute_until: e.muteUntil,
      push_text: e.pushText,
      partition,
      offset,
    })),
  );
}
