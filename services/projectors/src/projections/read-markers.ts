import type { EventOf } from '@groupchat/schemas';
import { defineProjection, ms, withRows, type Envelope, type PostgresContext } from '../framework';

/**
 * How far each user has read each conversation: the messages-topic position of the newest
 * message read (docs/unread.md), and where in the users topic the move that set it landed
 * (what a move that changes nothing answers as its position). A marker only moves forward,
 * so statements commute and a replayed or duplicated event changes nothing. v2 keeps thread
 * markers too (thread_id the root message id; '' for the main list): `read_markers` shows the
 * main-list rows as before, `thread_read_markers` the thread rows.
 */
export const readMarkers = defineProjection({
  name: 'read-markers',
  version: 2,
  storage: 'postgres',
  topics: ['users'],
  tables: ['read_markers'],
  async setup({ client, table }) {
    await client.query(`CREATE TABLE ${table('read_markers')} (
      user_id text NOT NULL, group_id text NOT NULL, thread_id text NOT NULL, partition int NOT NULL, "offset" bigint NOT NULL, moved_at timestamptz NOT NULL,
      moved_partition int NOT NULL, moved_offset bigint NOT NULL,
      PRIMARY KEY (user_id, group_id, thread_id))`);
  },
  views: {
    read_markers: (t) =>
      `SELECT user_id, group_id, partition, "offset", moved_at, moved_partition, moved_offset FROM ${t('read_markers')} WHERE thread_id = ''`,
    thread_read_markers: (t) =>
      `SELECT user_id, group_id, thread_id, partition, "offset", moved_at, moved_partition, moved_offset FROM ${t('read_markers')} WHERE thread_id <> ''`,
  },
  // Two moves of one marker never share a statement (one upsert cannot touch a row twice).
  keys: ({ event }) => {
    const e = event as EventOf<'ReadMarkerMoved'>;
    return [`${e.userId}/${e.groupId}/${e.threadId ?? ''}`];
  },
  batchHandlers: { ReadMarkerMoved: (envelopes, ctx) => move(envelopes, ctx) },
});

function move(envelopes: Envelope<EventOf<'ReadMarkerMoved'>>[], ctx: PostgresContext) {
  const table = ctx.table('read_markers');
  return withRows(
    ctx,
    `INSERT INTO ${table} AS r (user_id, group_id, thread_id, partition, "offset", moved_at, moved_partition, moved_offset)
     SELECT user_id, group_id, thread_id, partition, "offset", ${ms('at')}, moved_partition, moved_offset
       FROM json_to_recordset($1::json) AS x(user_id text, group_id text, thread_id text, partition int, "offset" bigint, at bigint, moved_partition int, moved_offset bigint)
     ON CONFLICT (user_id, group_id, thread_id) DO UPDATE
       SET partition = EXCLUDED.partition, "offset" = EXCLUDED."offset", moved_at = EXCLUDED.moved_at,
           moved_partition = EXCLUDED.moved_partition, moved_offset = EXCLUDED.moved_offset
     WHERE r."offset" < EXCLUDED."offset"`,
    envelopes.map(({ event: e, partition, offset }) => ({
      user_id: e.userId,
      group_id: e.groupId,
      thread_id: e.threadId ?? '',
      partition: e.partition,
      offset: e.offset,
      at: e.occurredAt,
      moved_partition: partition,
      moved_offset: offset,
    })),
  );
}
