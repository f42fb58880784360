import { EVENT_TOPICS, EVENT_TYPES } from '@groupchat/schemas';
import { copyRows, defineProjection, ms, withRows, type Envelope, type PostgresContext } from '../framework';

/** Every event of the messages topic: what the live feed pushes, a resume replays. */
const MESSAGE_EVENTS = EVENT_TYPES.filter((type) => EVENT_TOPICS[type] === 'messages');

/** Every message-topic event as pushed on the WebSocket, so a reconnecting client resumes without gaps. */
export const timeline = defineProjection({
  name: 'timeline',
  version: 1,
  storage: 'postgres',
  topics: ['messages'],
  tables: ['message_events'],
  async setup({ client, table }) {
    await client.query(`CREATE TABLE ${table('message_events')} (
      group_id text NOT NULL,
      partition int NOT NULL,
      "offset" bigint NOT NULL,
      event_type text NOT NULL,
      payload jsonb NOT NULL,
      occurred_at timestamptz NOT NULL,
      PRIMARY KEY (group_id, "offset"))`);
  },
  // Each row is its own offset: every event commutes with every other.
  keys: () => undefined,
  batchHandlers: Object.fromEntries(MESSAGE_EVENTS.map((type) => [type, append])),
});

function append(envelopes: Envelope[], ctx: PostgresContext) {
  const table = ctx.table('message_events');
  return copyRows(
    ctx,
    table,
    { group_id: 'text', partition: 'int4', offset: 'int8', event_type: 'text', payload: 'jsonb', occurred_at: 'timestamptz' },
    envelopes.map(({ event, partition, offset }) => [(event as { groupId: string }).groupId, partition, offset, event.type, event, new Date(event.occurredAt)]),
    () =>
      withRows(
        ctx,
        `INSERT INTO ${table} (group_id, partition, "offset", event_type, payload, occurred_at)
         SELECT group_id, partition, "offset", event_type, payload, ${ms('at')}
           FROM json_to_recordset($1::json) AS x(group_id text, partition int, "offset" bigint, event_type text, payload jsonb, at bigint)
         ON CONFLICT DO NOTHING`,
        envelopes.map(({ event, partition, offset }) => ({
          group_id: (event as { groupId: string }).groupId,
          partition,
          offset,
          event_type: event.type,
          payload: event,
          at: event.occurredAt,
        })),
      ),
  );
}
