import { randomUUID } from 'node:crypto';
import type { Kafka, KafkaMessage } from 'kafkajs';
import type { EventSerde, DomainEvent } from '@groupchat/schemas';
import { decodeRecord, formatPosition, type Config, type LogicalTopic } from '@groupchat/shared';
import type { PartitionRange } from './range';

export interface LogRecord {
  topic: LogicalTopic;
  partition: number;
  offset: bigint;
  position: string;
  timestamp: number;
  /** The record key: the aggregate id the event was appended under. */
  key: string | null;
  event: DomainEvent;
}

export interface ReadOptions {
  /** Called for each decoded record in partition order; awaited, so a slow sink slows the read (constant memory). */
  onRecord(record: LogRecord): Promise<void> | void;
  /** Records that cannot be decoded. */
  onUndecodable?(topic: string, partition: number, offset: string, error: Error): void;
  onProgress?(read: number): void;
}

/**
 * Reads the given partition ranges once, with a throwaway consumer group, pausing each
 * partition at its end offset and stopping when all are done.
 */
export async function readRanges(kafka: Kafka, config: Config, serde: EventSerde, ranges: PartitionRange[], opts: ReadOptions): Promise<number> {
  if (!ranges.length) return 0;
  const consumer = kafka.consumer({ groupId: `${config.GROUPCHAT_NAMESPACE}cli-export-${randomUUID()}`, maxBytesPerPartition: 1 << 20, maxBytes: 8 << 20 });
  const byKey = new Map(ranges.map((r) => [`${r.name}/${r.partition}`, r]));
  const pending = new Set(byKey.keys());
  const topicsRead = [...new Set(ranges.map((r) => r.name))];
  let read = 0;
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: topicsRead, fromBeginning: true });
    const finished = new Promise<void>((resolve, reject) => {
      consumer
        .run({
          autoCommit: false,
          eachBatchAutoResolve: false,
          eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning }) => {
            const key = `${batch.topic}/${batch.partition}`;
            const range = byKey.get(key);
            if (!range || !pending.has(key)) {
              consumer.pause([{ topic: batch.topic, partitions: [batch.partition] }]);
              return;
            }
            for (const message of batch.messages as KafkaMessage[]) {
              if (!isRunning()) return;
              const offset = BigInt(message.offset);
              if (offset < range.start) continue;
              if (offset >= range.end) break;
              try {
                const event = decodeRecord(serde, message);
                await opts.onRecord({
                  topic: range.topic,
                  partition: batch.partition,
                  offset,
                  position: formatPosition({ topic: range.topic, partition: batch.partition, offset }),
                  timestamp: Number(message.timestamp),
                  key: message.key?.toString() ?? null,
                  event,
                });
              } catch (err) {
                if (!opts.onUndecodable) throw err;
                opts.onUndecodable(batch.topic, batch.partition, message.offset, err as Error);
              }
              read++;
              if (read % 1000 === 0) {
                opts.onProgress?.(read);
                await heartbeat();
              }
              resolveOffset(message.offset);
            }
            const last = batch.messages.at(-1);
            if (last && BigInt(last.offset) + 1n >= range.end) {
              pending.delete(key);
              consumer.pause([{ topic: batch.topic, partitions: [batch.partition] }]);
              if (!pending.size) resolve();
            }
          },
        })
        .catch(reject);
    });
    for (const r of ranges) consumer.seek({ topic: r.name, partition: r.partition, offset: r.start.toString() });
    await finished;
    opts.onProgress?.(read);
  } finally {
    await consumer.disconnect();
  }
  return read;
}
