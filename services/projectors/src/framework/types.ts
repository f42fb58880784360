import type { DomainEvent, EventOf, EventType } from '@groupchat/schemas';
import type { EsClient, LogicalTopic, Logger, PoolClient } from '@groupchat/shared';

/** A decoded event with the place in the log it came from. */
export interface Envelope<E extends DomainEvent = DomainEvent> {
  event: E;
  topic: LogicalTopic;
  partition: number;
  offset: number;
  /** The record key: the aggregate id the event was appended under. */
  key: string | null;
}

/** One build of a projection: a version, and a generation when the same version is rebuilt. */
export interface Build {
  name: string;
  version: number;
  generation: number;
}

export interface PostgresContext {
  /** The client of the batch transaction: every write goes through it, with the checkpoint. */
  client: PoolClient;
  /** The physical table behind a logical table name of this build, e.g. `messages` → `messages_v2`. */
  table(name: string): string;
  build: Build;
  log: Logger;
}

export type EventHandler<T extends EventType, C> = (envelope: Envelope<EventOf<T>>, ctx: C) => Promise<void> | void;
export type BatchHandler<T extends EventType, C> = (envelopes: Envelope<EventOf<T>>[], ctx: C) => Promise<void> | void;

interface Common {
  /** Lowercase letters, digits and `-`; unique across storages (it names the consumer group). */
  name: string;
  version: number;
  topics: LogicalTopic[];
  /** Tries of a failing batch before its events are applied one by one and failures dead-lettered. */
  maxAttempts?: number;
  /** Partitions processed at the same time by one process. */
  concurrency?: number;
}

export interface PostgresProjection extends Common {
  storage: 'postgres';
  /** Logical table names; each becomes `<table>_v<version>[_g<generation>]`. */
  tables: string[];
  /**
   * The views readers use, by name, as SQL over this build's tables. Default: one view per
   * table, named like it, selecting every column.
   */
  views?: Record<string, (table: (name: string) => string) => string>;
  /**
   * Functions readers call, over the views (not a build's tables), so they follow every swap:
   * `CREATE OR REPLACE FUNCTION` statements, run each time the views are made.
   */
  functions?: string[];
  setup(ctx: PostgresContext): Promise<void>;
  /**
   * What an event touches. Events with no key in common commute, so the framework may run all
   * events of one type in a batch as one statement; events sharing a key keep their log order.
   * Default: the record key (the aggregate). `undefined`: commutes with everything.
   */
  keys?(envelope: Envelope): string[] | undefined;
  /** One event at a time, in order (simple; one round trip per event). */
  handlers?: { [T in EventType]?: EventHandler<T, PostgresContext> };
  /** All events of a type that may run together, at most one per key: for one multi-row statement. */
  batchHandlers?: { [T in EventType]?: BatchHandler<T, PostgresContext> };
  /** Runs after the batch's handlers, in the same transaction (e.g. to recompute aggregates). */
  afterBatch?(envelopes: Envelope[], ctx: PostgresContext): Promise<void>;
}

/** A document as stored; `projection_offsets` is added by the framework. */
export type Doc = Record<string, unknown>;

/**
 * Returns the document after the event: a new object, `null` to delete it (or leave it absent),
 * or `undefined` for no change.
 */
export type DocHandler<T extends EventType> = (doc: Doc | null, envelope: Envelope<EventOf<T>>) => Doc | null | undefined;

export interface ElasticsearchProjection extends Common {
  storage: 'elasticsearch';
  /** One alias (`<ns>groupchat-<index>`) over versioned indices `…-v<version>[-g<generation>]`. */
  index: { name: string; settings: Record<string, unknown>; mappings: Record<string, unknown> };
  /** The document an event changes, or undefined when it changes none. */
  id(envelope: Envelope): string | undefined;
  handlers: { [T in EventType]?: DocHandler<T> };
  /**
   * Event types whose handler makes the whole document from the event alone. A document whose
   * events in a batch start with one of these is not read first, when the projection reads one
   * topic (its external versions already refuse a write older than the stored document).
   */
  creates?: EventType[];
}

export type Projection = PostgresProjection | ElasticsearchProjection;

export interface EsContext {
  es: EsClient;
  index: string;
}
