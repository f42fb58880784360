import type { Consumer, ConsumerConfig, Kafka, KafkaMessage } from 'kafkajs';
import { HEADER_FINGERPRINT, type DomainEvent, type EventSerde } from '@groupchat/schemas';
import type { Config } from './config';
import { topicName } from './topics';

/** Decodes a record's value through its writer schema fingerprint into the newest reader version. */
export function decodeRecord(serde: EventSerde, message: KafkaMessage): DomainEvent {
  const fp = message.headers?.[HEADER_FINGERPRINT];
  if (!fp || !message.value) throw new Error('record without schema fingerprint or value');
  return serde.decode(message.value, fp.toString());
}

/** Loads writer schemas registered by other producers (e.g. newer versions) from the schemas topic. */
export async function learnSchemas(kafka: Kafka, config: Pick<Config, 'GROUPCHAT_NAMESPACE'>, serde: EventSerde): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  const topic = topicName(config, 'schemas');
  const offsets = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  const high = BigInt(offsets[0]?.high ?? '0');
  if (high === 0n) return 0;
  const consumer: Consumer = kafka.consumer({ groupId: `${config.GROUPCHAT_NAMESPACE}schemas-reader-${process.pid}-${Date.now()}` } as ConsumerConfig);
  let learned = 0;
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await new Promise<void>((resolve, reject) => {
    consumer
      .run({
        eachMessage: async ({ message }) => {
          if (message.value) {
            const { eventType, schema } = JSON.parse(message.value.toString()) as { eventType: string; schema: object };
            if (!serde.knows(message.key?.toString() ?? '')) {
              serde.learn(eventType, schema as never);
              learned++;
            }
          }
          if (BigInt(message.offset) + 1n >= high) resolve();
        },
      })
      .catch(reject);
  });
  await consumer.disconnect();
  return learned;
}
