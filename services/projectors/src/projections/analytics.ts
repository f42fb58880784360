import { EVENT_TYPES } from '@groupchat/schemas';
import { copyRows, defineProjection, withRows, type Envelope, type PostgresContext } from '../framework';

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

const COLUMNS = {
  event_id: 'text',
  topic: 'text',
  partition: 'int4',
  offset: 'int8',
  type: 'text',
  occurred_at: 'timestamptz',
  actor_id: 'text',
  group_id: 'text',
  user_id: 'text',
  payload: 'jsonb',
} as const;
const NAMES = Object.keys(COLUMNS);

/** Appended with COPY (one row per log position); an event seen before falls back to an INSERT that skips it. */
function record(envelopes: Envelope[], ctx: PostgresContext) {
  const table = ctx.table('analytics_events');
  const rows = envelopes.map(({ event, topic, partition, offset }) => {
    const e = event as { groupId?: string; userId?: string };
    return [event.eventId, topic, partition, offset, event.type, new Date(event.occurredAt), event.actorId, e.groupId, e.userId, event];
  });
  return copyRows(ctx, table, COLUMNS, rows, () =>
    withRows(
      ctx,
      `INSERT INTO ${table} (${NAMES.map((c) => `"${c}"`).join(', ')})
       SELECT ${NAMES.map((c) => `"${c}"`).join(', ')}
         FROM json_to_recordset($1::json)
           AS x(event_id text, topic text, partition int, "offset" bigint, type text, occurred_at timestamptz, actor_id text, group_id text, user_id text, payload jsonb)
       ON CONFLICT DO NOTHING`,
      rows.map((r) => Object.fromEntries(NAMES.map((c, i) => [c, r[i] ?? null]))),
    ),
  );
}
