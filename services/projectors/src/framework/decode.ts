import type { Kafka, KafkaMessage } from 'kafkajs';
import { HEADER_EVENT_TYPE, UnknownSchemaError, type DomainEvent, type EventSerde } from '@groupchat/schemas';
import { decodeRecord, learnSchemas, RecentMap, type Config } from '@groupchat/shared';

/** About as many records as a few fetches of every partition. */
const RECENT_RECORDS = 20_000;

/**
 * Decodes records, learning a writer schema from the schemas topic the first time its
 * fingerprint is seen (a newer producer may have registered it). A fingerprint still unknown
 * after that is a poison record.
 */
export class Decoder {
  private readonly learning = new Map<string, Promise<unknown>>();
  /**
   * The latest records decoded, by place in the log. Every projection is its own consumer, so
   * the live ones read the same records at about the same time: the first decodes, the others
   * share its (frozen) event.
   */
  private readonly recent = new RecentMap<string, DomainEvent>(RECENT_RECORDS);

  constructor(
    private readonly kafka: Kafka,
    private readonly config: Pick<Config, 'GROUPCHAT_NAMESPACE'>,
    private readonly serde: EventSerde,
  ) {}

  /** The type the producer wrote in the headers, so that uninteresting records need no decoding. */
  static typeOf(message: KafkaMessage): string | undefined {
    return message.headers?.[HEADER_EVENT_TYPE]?.toString();
  }

  /** `at` (topic and partition) lets the projections reading the same record share one decoding. */
  async decode(message: KafkaMessage, at?: { topic: string; partition: number }): Promise<DomainEvent> {
    try {
      return this.decodeKnown(message, at);
    } catch (err) {
      if (!(err instanceof UnknownSchemaError)) throw err;
      await this.learn(err.fingerprint);
      return this.decodeKnown(message, at);
    }
  }

  /**
   * Decodes with the writer schemas known now, without waiting: a whole batch decodes in one
   * turn of the event loop. Throws UnknownSchemaError for a schema to learn first (`learn`).
   */
  decodeKnown(message: KafkaMessage, at?: { topic: string; partition: number }): DomainEvent {
    const key = at && `${at.topic}\u0000${at.partition}\u0000${message.offset}`;
    const known = key === undefined ? undefined : this.recent.get(key);
    if (known) return known;
    const event = Object.freeze(decodeRecord(this.serde, message));
    if (key !== undefined) this.recent.set(key, event);
    return event;
  }

  /** Reads the schemas topic once for a fingerprint not known yet (a newer producer may have registered it). */
  learn(fingerprint: string): Promise<unknown> {
    let learned = this.learning.get(fingerprint);
    if (!learned) {
      learned = learnSchemas(this.kafka, this.config, this.serde).catch(() => undefined);
      this.learning.set(fingerprint, learned);
    }
    return learned;
  }
}
