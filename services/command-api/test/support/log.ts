import type { DomainEvent } from '@groupchat/schemas';
import { EventSerde } from '@groupchat/schemas';
import { createKafka, decodeRecord, topicName, type Config, type LogicalTopic } from '@groupchat/shared';

export interface LoggedEvent {
  event: DomainEvent;
  key: string;
  partition: number;
  offset: bigint;
}

/** Every event in a topic right now: reads each partition from the start up to its high watermark. */
export async function eventsIn(config: Config, topic: LogicalTopic): Promise<LoggedEvent[]> {
  const kafka = createKafka(config, 'command-api-test-reader');
  const name = topicName(config, topic);
  const admin = kafka.admin();
  await admin.connect();
  const highs = new Map((await admin.fetchTopicOffsets(name)).map((p) => [p.partition, BigInt(p.high)]));
  await admin.disconnect();
  const pending = new Set([...highs].filter(([, high]) => high > 0n).map(([p]) => p));
  const serde = new EventSerde();
  const events: LoggedEvent[] = [];
  if (!pending.size) return events;
  const consumer = kafka.consumer({ groupId: `${config.GROUPCHAT_NAMESPACE}test-reader-${Date.now()}-${Math.random()}` });
  await consumer.connect();
  await consumer.subscribe({ topic: name, fromBeginning: true });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`reading ${name} took over 30 s`)), 30_000);
      consumer
        .run({
          eachMessage: async ({ partition, message }) => {
            const offset = BigInt(message.offset);
            if (offset < highs.get(partition)!) events.push({ event: decodeRecord(serde, message), key: message.key?.toString() ?? '', partition, offset });
            if (offset + 1n >= highs.get(partition)!) pending.delete(partition);
            if (!pending.size) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return events;
}
