import type { Kafka, KafkaMessage } from 'kafkajs';
import { HEADER_EVENT_TYPE, UnknownSchemaError, type DomainEvent, type EventSerde } from '@groupchat/schemas';
import { decodeRecord, learnSchemas, type Config } from '@groupchat/shared';

/**
 * Decodes records, learning a writer schema from the schemas topic the first time its
 * fingerprint is seen (a newer producer may have registered it). A fingerprint still unknown
 * after that is a poison record.
 */
export class Decoder {
  private readonly learning = new Map<string, Promise<unknown>>();

  constructor(
    private readonly kafka: Kafka,
    private readonly config: Pick<Config, 'GROUPCHAT_NAMESPACE'>,
    private readonly serde: EventSerde,
  ) {}

  /** The type the producer wrote in the headers, so that uninteresting records need no decoding. */
  static typeOf(message: KafkaMessage): string | undefined {
    return message.headers?.[HEADER_EVENT_TYPE]?.toString();
  }

  async decode(message: KafkaMessage): Promise<DomainEvent> {
    try {
      return decodeRecord(this.serde, message);
    } catch (err) {
      if (!(err instanceof UnknownSchemaError)) throw err;
      let learned = this.learning.get(err.fingerprint);
      if (!learned) {
        learned = learnSchemas(this.kafka, this.config, this.serde).catch(() => undefined);
        this.learning.set(err.fingerprint, learned);
      }
      await learned;
      return decodeRecord(this.serde, message);
    }
  }
}
