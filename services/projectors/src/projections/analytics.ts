import { EVENT_TYPES } from '@groupchat/schemas';
import { defineProjection, ms, withRows, type Envelope, type PostgresContext } from '../framework';

/**
 * Every event of the log as one row, for analysts who prefer SQL: type, time, actor, group,
 * and the whole event as jsonb. Recipes in docs/analysts.md.
 */
export const analytics = defineProjection({
  name: 'analytics',
  version: 1,
  storage: 'postgres',
  topics: ['users', 'groups', 'messages'],
  tables: ['analytics_events'],
  async setup({ client, table }) {
    await client.query(`CREATE TABLE ${table('analytics_events')} (
      event_id text NOT NULL,
      topic text NOT NULL,
      partition int NOT NULL,
      "offset" bigint NOT NULL,
      type text NOT NULL,
      occurred_at timestamptz NOT NULL,
      actor_id text,
      group_id text,
      user_id text,
      payload jsonb NOT NULL,
      PRIMARY KEY (topic, partition, "offset"))`);
    await client.query(`CREATE INDEX ON ${table('analytics_events')} (type, occurred_at)`);
    await client.query(`CREATE INDEX ON ${table('analytics_events')} (group_id, occurred_at)`);
    await client.query(`CREATE INDEX ON ${table('analytics_events')} (actor_id, occurred_at)`);
  },
  // One row per log position: every event commutes with every other.
  keys: () => undefined,
  batchHandlers: Object.fromEntries(EVENT_TYPES.map((type) => [type, record])),
});

function record(envelopes: Envelope[], ctx: PostgresContext) {
  return withRows(
    ctx,
    `INSERT INTO ${ctx.table('analytics_events')} (event_id, topic, partition, "offset", type, occurred_at, actor_id, group_id, user_id, payload)
     SELECT event_id, topic, partition, "offset", type, ${ms('at')}, actor_id, group_id, user_id, payload
       FROM json_to_recordset($1::json) AS x(event_id text, topic text, partition int, "offset" bigint, type text, at bigint, actor_id text, group_id text, user_id text, payload jsonb)
     ON CONFLICT DO NOTHING`,
    envelopes.map(({ event, topic, partition, offset }) => {
      const e = event as { groupId?: string; userId?: string };
      return {
        event_id: event.eventId,
        topic,
        partition,
        offset,
        type: event.type,
        at: event.occurredAt,
        actor_id: event.actorId,
        group_id: e.groupId ?? null,
        user_id: e.userId ?? null,
        payload: event,
      };
    }),
  );
}
