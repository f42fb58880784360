import { randomUUID } from 'node:crypto';
import type { IHeaders, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { HEADER_EVENT_TYPE } from '@groupchat/schemas';
import { topicName, type Config } from '@groupchat/shared';
import { deadLettered } from './metrics';
import type { Build } from './types';

/** Headers a dead letter carries besides the original record's own. */
export const DEADLETTER_HEADERS = {
  topic: 'dlq-original-topic',
  partition: 'dlq-original-partition',
  offset: 'dlq-original-offset',
  projection: 'dlq-projection',
  version: 'dlq-projection-version',
  generation: 'dlq-projection-generation',
  error: 'dlq-error',
  failedAt: 'dlq-failed-at',
} as const;

export interface Poison {
  message: KafkaMessage;
  /** The physical topic the record came from. */
  topic: string;
  partition: number;
  error: string;
}

export interface DeadLetter {
  /** Offset in the dead-letter topic: what the CLI names when retrying. */
  offset: number;
  projection: string;
  version: number;
  generation: number;
  topic: string;
  partition: number;
  originalOffset: number;
  error: string;
  failedAt: string;
  eventType: string | null;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

export class DeadLetterWriter {
  private constructor(
    private readonly producer: Producer,
    private readonly topic: string,
  ) {}

  static async connect(kafka: Kafka, config: Pick<Config, 'GROUPCHAT_NAMESPACE'>): Promise<DeadLetterWriter> {
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
    await producer.connect();
    return new DeadLetterWriter(producer, topicName(config, 'deadletters'));
  }

  /** Resolves once the broker has the dead letters: only then may the checkpoint move past them. */
  async publish(build: Build, poisons: Poison[]): Promise<void> {
    if (!poisons.length) return;
    const failedAt = new Date().toISOString();
    await this.producer.send({
      topic: this.topic,
      acks: -1,
      messages: poisons.map((p) => ({
        key: p.message.key,
        value: p.message.value,
        headers: {
          ...p.message.headers,
          [DEADLETTER_HEADERS.topic]: p.topic,
          [DEADLETTER_HEADERS.partition]: String(p.partition),
          [DEADLETTER_HEADERS.offset]: p.message.offset,
          [DEADLETTER_HEADERS.projection]: build.name,
          [DEADLETTER_HEADERS.version]: String(build.version),
          [DEADLETTER_HEADERS.generation]: String(build.generation),
          [DEADLETTER_HEADERS.error]: p.error,
          [DEADLETTER_HEADERS.failedAt]: failedAt,
        },
      })),
    });
    deadLettered.inc({ projection: build.name }, poisons.length);
  }

  async close(): Promise<void> {
    await this.producer.disconnect();
  }
}

/** Reads the whole dead-letter topic (it is small: one record per poison event and projection). */
export async function listDeadLetters(
  kafka: Kafka,
  config: Pick<Config, 'GROUPCHAT_NAMESPACE'>,
  filter: { projection?: string; fromOffset?: number } = {},
): Promise<DeadLetter[]> {
  const topic = topicName(config, 'deadletters');
  const admin = kafka.admin();
  await admin.connect();
  try {
    const [offsets] = await admin.fetchTopicOffsets(topic);
    const high = Number(offsets?.high ?? 0);
    const low = Number(offsets?.low ?? 0);
    if (high <= Math.max(low, filter.fromOffset ?? 0)) return [];
    const groupId = `${config.GROUPCHAT_NAMESPACE}deadletters-reader-${randomUUID()}`;
    const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
    const letters: DeadLetter[] = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        consumer
          .run({
            autoCommit: false,
            eachMessage: async ({ message }) => {
              const offset = Number(message.offset);
              if (offset >= (filter.fromOffset ?? 0)) {
                const letter = toDeadLetter(offset, message);
                if (!filter.projection || letter.projection === filter.projection) letters.push(letter);
              }
              if (offset + 1 >= high) resolve();
            },
          })
          .catch(reject);
      });
    } finally {
      await consumer.disconnect();
      await admin.deleteGroups([groupId]).catch(() => undefined);
    }
    return letters;
  } finally {
    await admin.disconnect();
  }
}

function toDeadLetter(offset: number, message: KafkaMessage): DeadLetter {
  const headers = stringHeaders(message.headers);
  return {
    offset,
    projection: headers[DEADLETTER_HEADERS.projection] ?? '',
    version: Number(headers[DEADLETTER_HEADERS.version] ?? 0),
    generation: Number(headers[DEADLETTER_HEADERS.generation] ?? 0),
    topic: headers[DEADLETTER_HEADERS.topic] ?? '',
    partition: Number(headers[DEADLETTER_HEADERS.partition] ?? -1),
    originalOffset: Number(headers[DEADLETTER_HEADERS.offset] ?? -1),
    error: headers[DEADLETTER_HEADERS.error] ?? '',
    failedAt: headers[DEADLETTER_HEADERS.failedAt] ?? '',
    eventType: headers[HEADER_EVENT_TYPE] ?? null,
    key: message.key?.toString() ?? null,
    value: message.value,
    headers,
  };
}

function stringHeaders(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (v === undefined) continue;
    const first = Array.isArray(v) ? v[0] : v;
    if (first !== undefined) out[k] = first.toString();
  }
  return out;
}
