import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Partitioners, type Kafka, type KafkaMessage, type Producer } from 'kafkajs';
import type { Config } from './config';
import { logicalTopic, topicName, type LogicalTopic } from './topics';
import type { Logger } from './logger';

export type TailMessage = KafkaMessage;

export interface TailOptions {
  /** Names the consumer group, made unique per process: every tail reads every partition. */
  name: string;
  topics: LogicalTopic[];
  /** The end of each partition, or the first record written at or after a time (ms). */
  from: 'end' | { timestamp: number };
  /** Called in log order per partition; must not throw. */
  onBatch(topic: LogicalTopic, partition: number, messages: KafkaMessage[]): void | Promise<void>;
  log?: Logger;
  /**
   * How many partitions' batches of one fetch may be handled at once (default 1: one after the
   * other). Order within a partition is kept either way; a handler that waits on something
   * shared by the batches (a request, a view catching up) should take them together.
   */
  concurrency?: number;
}

export interface Tail {
  /** Per topic, the offset the tail starts at on each partition (index = partition). */
  startOffsets: Map<LogicalTopic, number[]>;
  close(): Promise<void>;
}

/**
 * Follows topics from a known place, outside any shared consumer group: each process gets its
 * own group and so every partition. Start offsets are fixed before the first fetch, so the
 * caller knows exactly which records the tail will and will not deliver.
 */
export async function tailTopics(kafka: Kafka, config: Pick<Config, 'GROUPCHAT_NAMESPACE'>, options: TailOptions): Promise<Tail> {
  const groupId = `${config.GROUPCHAT_NAMESPACE}${options.name}.${hostname()}.${process.pid}.${randomBytes(4).toString('hex')}`;
  const admin = kafka.admin();
  await admin.connect();
  const startOffsets = new Map<LogicalTopic, number[]>();
  try {
    for (const topic of options.topics) {
      const name = topicName(config, topic);
      const offsets = options.from === 'end' ? await admin.fetchTopicOffsets(name) : await admin.fetchTopicOffsetsByTimestamp(name, options.from.timestamp);
      const starts: number[] = [];
      for (const o of offsets) starts[o.partition] = Number(o.offset);
      startOffsets.set(topic, starts);
    }
  } finally {
    await admin.disconnect();
  }

  const consumer = kafka.consumer({
    groupId,
    maxWaitTimeInMs: 500,
    allowAutoTopicCreation: false,
    retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 200, maxRetryTime: 5000 },
  });
  consumer.on(consumer.events.CRASH, (e) => options.log?.error({ err: e.payload.error, groupId }, 'tail consumer crashed; restarting'));
  await consumer.connect();
  await consumer.subscribe({ topics: options.topics.map((t) => topicName(config, t)) });
  const running = consumer.run({
    autoCommitInterval: 5000,
    partitionsConsumedConcurrently: options.concurrency ?? 1,
    eachBatch: async ({ batch }) => {
      const topic = logicalTopic(config, batch.topic);
      if (topic) await options.onBatch(topic, batch.partition, batch.messages);
    },
  });
  // run() creates the consumer group synchronously; seeks made now apply before the first fetch.
  for (const [topic, starts] of startOffsets) {
    starts.forEach((offset, partition) => consumer.seek({ topic: topicName(config, topic), partition, offset: String(offset) }));
  }
  await running;

  return {
    startOffsets,
    async close() {
      await consumer.disconnect().catch(() => undefined);
      const cleanup = kafka.admin();
      try {
        await cleanup.connect();
        await cleanup.deleteGroups([groupId]);
      } catch {
        // An empty group expires on its own with the broker's offsets retention.
      } finally {
        await cleanup.disconnect().catch(() => undefined);
      }
    },
  };
}

/** A producer of small JSON records that keeps the order in which `publish` was called. */
export interface JsonPublisher {
  publish(topic: LogicalTopic, records: { key: string; value: unknown }[]): Promise<void>;
  close(): Promise<void>;
}

export async function connectJsonPublisher(kafka: Kafka, config: Pick<Config, 'GROUPCHAT_NAMESPACE'>): Promise<JsonPublisher> {
  // Ephemeral records: one request in flight keeps the order; idempotence is not worth its cost here.
  const producer: Producer = kafka.producer({ maxInFlightRequests: 1, allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  let last: Promise<unknown> = Promise.resolve();
  return {
    publish(topic, records) {
      const send = last.then(() =>
        producer.send({ topic: topicName(config, topic), acks: 1, messages: records.map((r) => ({ key: r.key, value: JSON.stringify(r.value) })) }),
      );
      last = send.catch(() => undefined);
      return send.then(() => undefined);
    },
    async close() {
      await last;
      await producer.disconnect();
    },
  };
}
