import { Partitioners, type Admin, type IHeaders, type Kafka, type Producer } from 'kafkajs';
import { EVENT_TOPICS, EventSerde, type DomainEvent, type EventType } from '@groupchat/schemas';
import type { Config } from './config';
import type { Position } from './position';
import { TOPICS, ensureTopics, logicalTopic, partitionForKey, topicName, type LogicalTopic } from './topics';

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
    const producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
      allowAutoTopicCreation: false,
    });
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
            this.queue.push({
              topic,
              key,
              partition: this.partitionFor(topic, key),
              value: encoded.value,
              headers: { ...encoded.headers, ...headers },
              resolve,
              reject,
            });
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
