import avro from 'avsc';
import { EVENT_TOPICS, type EventType, loadCatalog, parseSchema, fingerprintOf, type SchemaVersion } from './catalog';
import type { DomainEvent } from './generated/events';

export const HEADER_EVENT_TYPE = 'event-type';
export const HEADER_FINGERPRINT = 'schema-fingerprint';

export class UnknownSchemaError extends Error {
  readonly retriable = false;
  constructor(readonly fingerprint: string) {
    super(`no writer schema registered for fingerprint ${fingerprint}`);
  }
}

export interface Encoded {
  value: Buffer;
  headers: Record<string, string>;
}

/**
 * Encodes with the newest version of each event and decodes any registered writer
 * version into the newest reader version. Unknown fingerprints are looked up through
 * `fetchWriter` (the compacted schemas topic) once, then cached.
 */
export class EventSerde {
  private readonly readers = new Map<string, SchemaVersion>();
  private readonly writers = new Map<string, { eventType: string; type: avro.Type }>();
  private readonly resolvers = new Map<string, avro.Resolver | null>();

  constructor(private readonly catalog: Map<string, SchemaVersion[]> = loadCatalog()) {
    for (const [eventType, versions] of catalog) {
      this.readers.set(eventType, versions[versions.length - 1]!);
      for (const v of versions) this.writers.set(v.fingerprint, { eventType, type: v.type });
    }
  }

  /** The schemas this process writes, for registration in the schemas topic. */
  writerSchemas(): SchemaVersion[] {
    return [...this.readers.values()];
  }

  allSchemas(): SchemaVersion[] {
    return [...this.catalog.values()].flat();
  }

  knows(fingerprint: string): boolean {
    return this.writers.has(fingerprint);
  }

  /** Adds a writer schema learned from the schemas topic (e.g. written by a newer producer). */
  learn(eventType: string, schema: avro.Schema): string {
    const type = parseSchema(schema);
    const fingerprint = fingerprintOf(type);
    if (!this.writers.has(fingerprint)) this.writers.set(fingerprint, { eventType, type });
    return fingerprint;
  }

  encode(event: DomainEvent): Encoded {
    const reader = this.readers.get(event.type);
    if (!reader) throw new Error(`no schema for event type ${event.type}`);
    const { type: _type, ...fields } = event as DomainEvent & Record<string, unknown>;
    return {
      value: reader.type.toBuffer(fields),
      headers: { [HEADER_EVENT_TYPE]: event.type, [HEADER_FINGERPRINT]: reader.fingerprint },
    };
  }

  decode(value: Buffer, fingerprint: string): DomainEvent {
    const writer = this.writers.get(fingerprint);
    if (!writer) throw new UnknownSchemaError(fingerprint);
    const reader = this.readers.get(writer.eventType);
    if (!reader) throw new UnknownSchemaError(fingerprint);
    let resolver = this.resolvers.get(fingerprint);
    if (resolver === undefined) {
      resolver = writer.type === reader.type ? null : reader.type.createResolver(writer.type);
      this.resolvers.set(fingerprint, resolver);
    }
    const fields = resolver ? reader.type.fromBuffer(value, resolver, true) : reader.type.fromBuffer(value);
    return { type: writer.eventType, ...(fields as object) } as DomainEvent;
  }
}

export function topicOf(eventType: EventType): (typeof EVENT_TOPICS)[EventType] {
  return EVENT_TOPICS[eventType];
}
