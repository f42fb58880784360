import { Kafka, Partitioners, logLevel, type Admin, type Consumer, type ConsumerConfig, type Producer, type IHeaders, type KafkaMessage } from 'kafkajs';
import { EVENT_TOPICS, EventSerde, HEADER_FINGERPRINT, type DomainEvent, type EventType } from '@groupchat/schemas';
import type { Config } from './config';
import type { Logger } from './logger';
import type { Position } from './position';

/** Logical topics and their partition counts; messages are keyed by group, so more partitions mean more parallel groups. */
export const TOPICS = {
  users: { partitions: 3, compacted: false },
  groups: { partitions: 6, compacted: false },
  messages: { partitions: 12, compacted: false },
  schemas: { partitions: 1, compacted: true },
  deadletters: { partitions: 1, compacted: false },
  // Typing and presence between realtime processes: ephemeral, JSON, read only from the recent past.
  presence: { partitions: 1, compacted: false, retentionMs: 60_000 },
} as const;
export type LogicalTopic = keyof typeof TOPICS;

export function topicName(config: Pick<Config, 'GROUPCHAT_NAMESPACE'>, topic: LogicalTopic): string {
  return `${config.GROUPCHAT_NAMESPACE}groupchat.${topic}`;
}

export function logicalTopic(config: Pick<Config, 'GROUPCHAT_NAMESPACE'>, name: string): LogicalTopic | undefined {
  const prefix = `${config.GROUPCHAT_NAMESPACE}groupchat.`;
  if (!name.startsWith(prefix)) return undefined;
  const t = name.slice(prefix.length);
  return t in TOPICS ? (t as LogicalTopic) : undefined;
}

export function createKafka(config: Pick<Config, 'KAFKA_BROKERS'>, clientId: string, log?: Logger, { retries = 8 }: { retries?: number } = {}): Kafka {
  return new Kafka({
    clientId,
    brokers: config.KAFKA_BROKERS.split(',').map((b) => b.trim()),
    connectionTimeout: 3000,
    requestTimeout: 30000,
    retry: { initialRetryTime: 100, retries },
    logLevel: logLevel.WARN,
    logCreator: () => ({ level, log: entry }) => {
      if (!log) return;
      const { message, ...rest } = entry;
      const fn = level <= logLevel.ERROR ? log.error.bind(log) : level === logLevel.WARN ? log.warn.bind(log) : log.debug.bind(log);
      fn({ kafka: rest }, message);
    },
  });
}

/** Creates every topic that is missing; existing topics are left as they are. */
export async function ensureTopics(admin: Admin, config: Pick<Config, 'GROUPCHAT_NAMESPACE'>): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const missing = (Object.keys(TOPICS) as LogicalTopic[]).filter((t) => !existing.has(topicName(config, t)));
  if (!missing.length) return;
  await admin
    .createTopics({
      waitForLeaders: true,
      topics: missing.map((t) => ({
        topic: topicName(config, t),
        numPartitions: TOPICS[t].partitions,
        replicationFactor: 1,
        configEntries: topicConfig(t),
      })),
    })
    .catch(async (err: Error & { type?: string }) => {
      // Another process creating the same topics at the same moment is fine.
      if (/already exists/i.test(err.message)) return;
      // A busy broker may answer metadata for a topic it has just created before it knows it.
      if (err.type !== 'UNKNOWN_TOPIC_OR_PARTITION') throw err;
      await waitForLeaders(admin, missing.map((t) => topicName(config, t)));
    });
  await waitForOffsets(admin, missing.map((t) => topicName(config, t)));
}

/**
 * Right after creation a broker can name a leader in metadata yet still answer "not the
 * leader" to ListOffsets; readers that start at once (tails, status) need the offsets.
 */
async function waitForOffsets(admin: Admin, topics: string[], timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const topic of topics) {
    for (;;) {
      try {
        await admin.fetchTopicOffsets(topic);
        break;
      } catch (err) {
        if (Date.now() > deadline) throw err;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }
}

async function waitForLeaders(admin: Admin, topics: string[], timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const meta = await admin.fetchTopicMetadata({ topics });
      if (meta.topics.every((t) => t.partitions.length && t.partitions.every((p) => p.leader >= 0))) return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
    }
    if (Date.now() > deadline) throw new Error(`topics ${topics.join(', ')} have no leaders after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function topicConfig(t: LogicalTopic): { name: string; value: string }[] {
  const spec: { compacted: boolean; retentionMs?: number } = TOPICS[t];
  const entries: { name: string; value: string }[] = spec.compacted ? [{ name: 'cleanup.policy', value: 'compact' }] : [];
  // Retention applies to closed segments only, so a short retention needs equally short segments.
  if (spec.retentionMs) entries.push({ name: 'retention.ms', value: String(spec.retentionMs) }, { name: 'segment.ms', value: String(spec.retentionMs) });
  return entries;
}

const defaultPartitioner = Partitioners.DefaultPartitioner();

/** The partition the producer's default partitioner picks for a key: where a group's messages live. */
export function partitionForKey(key: string, partitions: number): number {
  const partitionMetadata = Array.from({ length: partitions }, (_, i) => ({ partitionId: i, leader: 1, replicas: [1], isr: [1], partitionErrorCode: 0 }));
  return defaultPartitioner({ topic: '', partitionMetadata, message: { key, value: null } });
}

export interface AppendResult {
  position: Position;
}

interface Pending {
  topic: LogicalTopic;
  key: string;
  partition: number;
  value: Buffer;
  headers: IHeaders;
  resolve: (r: AppendResult) => void;
  reject: (e: Error) => void;
}

/**
 * The write side of the log. Appends made in the same tick (or while a send is in flight)
 * go to Kafka as one produce request, with acks from all in-sync replicas and an idempotent
 * producer, so a retried request never duplicates a record. Each caller gets the exact
 * position of its own record.
 */
export class EventLog {
  private queue: Pending[] = [];
  private sending = false;
  private scheduled = false;
  private partitionCounts = new Map<LogicalTopic, number>();

  private constructor(
    private readonly config: Pick<Config, 'GROUPCHAT_NAMESPACE'>,
    private readonly producer: Producer,
    private readonly admin: Admin,
    readonly serde: EventSerde,
  ) {}

  static async connect(kafka: Kafka, config: Pick<Config, 'GROUPCHAT_NAMESPACE'>, serde = new EventSerde()): Promise<EventLog> {
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
    const admin = kafka.admin();
    await Promise.all([producer.connect(), admin.connect()]);
    await ensureTopics(admin, config);
    const log = new EventLog(config, producer, admin, serde);
    await log.refreshPartitions();
    await log.registerSchemas();
    return log;
  }

  private async refreshPartitions() {
    const topics = (Object.keys(TOPICS) as LogicalTopic[]).map((t) => topicName(this.config, t));
    const meta = await this.admin.fetchTopicMetadata({ topics });
    for (const t of meta.topics) {
      const logical = logicalTopic(this.config, t.name);
      if (logical) this.partitionCounts.set(logical, t.partitions.length);
    }
  }

  /** Writer schemas go to the compacted schemas topic, keyed by fingerprint, before any event uses them. */
  private async registerSchemas() {
    await this.producer.send({
      topic: topicName(this.config, 'schemas'),
      acks: -1,
      messages: this.serde.allSchemas().map((s) => ({
        key: s.fingerprint,
        value: JSON.stringify({ eventType: s.eventType, version: s.version, schema: s.schema }),
      })),
    });
  }

  partitionFor(topic: LogicalTopic, key: string): number {
    return partitionForKey(key, this.partitionCounts.get(topic) ?? TOPICS[topic].partitions);
  }

  /** Appends one event keyed by its aggregate id; resolves once Kafka has acknowledged it. */
  append(event: DomainEvent, key: string, extraHeaders: Record<string, string> = {}): Promise<AppendResult> {
    return this.appendMany([{ event, key, headers: extraHeaders }]).then((r) => r[0]!);
  }

  appendMany(items: { event: DomainEvent; key: string; headers?: Record<string, string> }[]): Promise<AppendResult[]> {
    return Promise.all(
      items.map(
        ({ event, key, headers }) =>
          new Promise<AppendResult>((resolve, reject) => {
            const topic = EVENT_TOPICS[event.type as EventType] as LogicalTopic;
            const encoded = this.serde.encode(event);
            this.queue.push({ topic, key, partition: this.partitionFor(topic, key), value: encoded.value, headers: { ...encoded.headers, ...headers }, resolve, reject });
            this.schedule();
          }),
      ),
    );
  }

  private schedule() {
    if (this.scheduled || this.sending) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush() {
    if (this.sending || !this.queue.length) return;
    this.sending = true;
    // Bounded by count and by bytes: a partition's record batch must stay under the broker's message.max.bytes.
    let take = 0;
    let bytes = 0;
    while (take < this.queue.length && take < 5000 && (take === 0 || bytes + this.queue[take]!.value.length + 256 <= 900_000)) {
      bytes += this.queue[take]!.value.length + 256;
      take++;
    }
    const batch = this.queue.splice(0, take);
    const byTopic = new Map<LogicalTopic, Pending[]>();
    for (const p of batch) {
      const same = byTopic.get(p.topic);
      if (same) same.push(p);
      else byTopic.set(p.topic, [p]);
    }
    try {
      const meta = await this.producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, items]) => ({
          topic: topicName(this.config, topic),
          messages: items.map((p) => ({ key: p.key, value: p.value, headers: p.headers, partition: p.partition })),
        })),
      });
      const base = new Map(meta.map((m) => [`${m.topicName}/${m.partition}`, BigInt(m.baseOffset ?? m.offset ?? '0')]));
      const seen = new Map<string, bigint>();
      for (const p of batch) {
        const k = `${topicName(this.config, p.topic)}/${p.partition}`;
        const index = seen.get(k) ?? 0n;
        seen.set(k, index + 1n);
        p.resolve({ position: { topic: p.topic, partition: p.partition, offset: base.get(k)! + index } });
      }
    } catch (err) {
      for (const p of batch) p.reject(err as Error);
    } finally {
      this.sending = false;
      if (this.queue.length) this.schedule();
    }
  }

  async close() {
    while (this.sending || this.queue.length) await new Promise((r) => setTimeout(r, 10));
    await Promise.all([this.producer.disconnect(), this.admin.disconnect()]);
  }
}

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
