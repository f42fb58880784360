import { ParquetSchema, ParquetWriter } from '@dsnp/parquetjs';
import type { LogRecord } from './reader';

/**
 * The columns of `events export --format parquet`: those of the CSV (docs/analytics.md), typed:
 * times as timestamps, offsets as 64-bit integers, the event's own fields as a JSON string.
 */
const SCHEMA = new ParquetSchema({
  position: { type: 'UTF8' },
  topic: { type: 'UTF8' },
  partition: { type: 'INT32' },
  offset: { type: 'INT64' },
  timestamp: { type: 'TIMESTAMP_MILLIS' },
  type: { type: 'UTF8' },
  eventId: { type: 'UTF8' },
  occurredAt: { type: 'TIMESTAMP_MILLIS' },
  actorId: { type: 'UTF8', optional: true },
  groupId: { type: 'UTF8', optional: true },
  userId: { type: 'UTF8', optional: true },
  messageId: { type: 'UTF8', optional: true },
  payload: { type: 'UTF8' },
});

/** Rows buffered per row group: a few MB, so a file of any length is written in bounded memory. */
const ROW_GROUP = 10_000;

const text = (v: unknown) => (typeof v === 'string' ? v : undefined);

export async function parquetOutput(path: string): Promise<{ row(r: LogRecord): Promise<void>; close(): Promise<void> }> {
  const writer = await ParquetWriter.openFile(SCHEMA, path);
  writer.setRowGroupSize(ROW_GROUP);
  return {
    row(r) {
      const e = r.event as unknown as Record<string, unknown>;
      const { type, eventId, occurredAt, actorId, correlationId: _c, causationId: _k, ...payload } = e;
      return writer.appendRow({
        position: r.position,
        topic: r.topic,
        partition: r.partition,
        offset: BigInt(r.offset),
        timestamp: new Date(r.timestamp),
        type,
        eventId,
        occurredAt: new Date(occurredAt as number),
        actorId: text(actorId),
        groupId: text(e.groupId),
        userId: text(e.userId),
        messageId: text(e.messageId),
        payload: JSON.stringify(payload),
      });
    },
    close: () => writer.close(),
  };
}
