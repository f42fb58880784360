import { setTimeout as sleep } from 'node:timers/promises';
import type { KafkaMessage } from 'kafkajs';
import { UnknownSchemaError, type DomainEvent } from '@groupchat/schemas';
import type { LogicalTopic, Logger } from '@groupchat/shared';
import { Decoder } from './decode';
import type { DeadLetterWriter, Poison } from './deadletters';
import { handledTypes } from './define';
import { BuildRetired, Stopping, backoffMs, describe, isTransient } from './errors';
import { buildLabel } from './naming';
import type { Build, Envelope, Projection } from './types';

export interface RawBatch {
  topic: LogicalTopic;
  /** The namespaced Kafka topic. */
  physicalTopic: string;
  partition: number;
  messages: KafkaMessage[];
}

export interface BatchControl {
  signal: AbortSignal;
  heartbeat(): Promise<void>;
  /**
   * The batch failed and will be retried: on a dependency (`transient`; the caller may stop
   * waiting and abort the signal), or on its records, which end in dead letters.
   */
  onRetry?(transient: boolean): void;
}

/** One partition's batch with its records decoded. */
export interface Part {
  batch: RawBatch;
  items: Item[];
}

/** A record of the batch, decoded or not. */
export interface Item {
  offset: number;
  message: KafkaMessage;
  /** The event type the producer wrote in the headers. */
  type?: string;
  envelope?: Envelope;
  error?: string;
}

export interface ProcessorDeps {
  build: Build;
  projection: Projection;
  decoder: Decoder;
  deadletters: DeadLetterWriter;
  log: Logger;
  /** Oldest offset still in the partition: a checkpoint below it is a gap retention made, not a bug. */
  lowWatermark(topic: LogicalTopic, partition: number): Promise<number>;
}

/**
 * What every storage shares: decode, retry transient failures forever with backoff, retry a
 * failing batch a few times, then apply its events one by one and dead-letter those that
 * still fail, so the projection moves on.
 */
export abstract class Processor {
  protected readonly label: string;
  private readonly types: Set<string>;

  constructor(protected readonly deps: ProcessorDeps) {
    this.label = buildLabel(deps.build);
    this.types = handledTypes(deps.projection);
  }

  /**
   * Applies the batch exactly once with the checkpoint; returns the next offset to read, which
   * differs from the one after the batch when Kafka's position and the checkpoint disagree.
   */
  async process(batch: RawBatch, control: BatchControl, decoded?: Item[]): Promise<number> {
    const items = decoded ?? (await decodeBatch(this.deps.decoder, batch, (type) => this.types.has(type)));
    return (await this.processMany([{ batch, items }], control))[0]!;
  }

  /** Batches of several partitions (decoded, each once), applied together where the storage can; the next offset of each. */
  async processMany(decoded: Part[], control: BatchControl): Promise<number[]> {
    const parts = decoded.map(({ batch, items }) => ({ batch, items: items.map((i) => this.own(i)) }));
    const maxAttempts = this.deps.projection.maxAttempts ?? 3;
    let failures = 0;
    let transient = 0;
    for (;;) {
      if (control.signal.aborted) throw new Stopping();
      try {
        return await this.attempt(parts, failures >= maxAttempts);
      } catch (err) {
        if (err instanceof BuildRetired || err instanceof Stopping) throw err;
        if (control.signal.aborted) throw new Stopping();
        if (!(await this.active().catch(() => true))) throw new BuildRetired(this.label);
        const retry = isTransient(err);
        if (retry) transient++;
        else failures++;
        const at = parts.map(({ batch }) => `${batch.topic}/${batch.partition}@${batch.messages[0]?.offset}`).join(' ');
        const ctx = { projection: this.label, batches: at, error: describe(err) };
        if (retry) this.deps.log.warn({ ...ctx, attempt: transient }, 'projection batch failed on a dependency, retrying');
        else
          this.deps.log.error(
            { ...ctx, attempt: failures },
            failures >= maxAttempts ? 'projection batch keeps failing, applying its events one by one' : 'projection batch failed, retrying',
          );
        control.onRetry?.(retry);
        await sleep(backoffMs(retry ? transient : failures), undefined, { signal: control.signal }).catch(() => undefined);
        await control.heartbeat().catch(() => undefined);
      }
    }
  }

  /** One try: all of the batches in one go, or (isolate) event by event, failures to dead letters. */
  protected abstract attempt(parts: Part[], isolate: boolean): Promise<number[]>;

  /** Whether this build still consumes (not retired by a swap). */
  protected abstract active(): Promise<boolean>;

  /**
   * Items from the checkpoint on. Undefined when there is nothing to apply here: either all
   * of it was applied before, or there is a hole between the checkpoint and the batch (Kafka's
   * position ran ahead of ours), and the caller should continue from the checkpoint.
   */
  protected async pending(batch: RawBatch, items: Item[], next: number): Promise<Item[] | undefined> {
    const todo = items.filter((i) => i.offset >= next);
    const first = todo[0];
    if (!first) return undefined;
    if (first.offset > next) {
      const low = await this.deps.lowWatermark(batch.topic, batch.partition);
      if (next >= low) return undefined;
      this.deps.log.warn(
        { projection: this.label, topic: batch.topic, partition: batch.partition, next, low },
        'records before the retention horizon are gone; continuing from the oldest',
      );
    }
    return todo;
  }

  protected poison(batch: RawBatch, item: Item, error: string): Poison {
    this.deps.log.error({ projection: this.label, topic: batch.topic, partition: batch.partition, offset: item.offset, error }, 'event dead-lettered');
    return { message: item.message, topic: batch.physicalTopic, partition: batch.partition, error };
  }

  /** Envelopes of the handled types; other events still move the checkpoint. */
  protected handled(items: Item[]): Envelope[] {
    const out: Envelope[] = [];
    for (const i of items) if (i.envelope && this.types.has(i.envelope.event.type)) out.push(i.envelope);
    return out;
  }

  /** A record decoded for other readers too: a failure to decode it is this projection's poison only if it handles the type. */
  private own(i: Item): Item {
    return i.error && i.type && !this.types.has(i.type) ? { offset: i.offset, message: i.message, type: i.type } : i;
  }
}

/**
 * Decodes the records whose header type is wanted (or absent); the others are passed over
 * undecoded. Synchronous but for a writer schema not known yet, which is learned once and the
 * record decoded again.
 */
export async function decodeBatch(decoder: Decoder, batch: RawBatch, wanted: (type: string) => boolean): Promise<Item[]> {
  const items: Item[] = [];
  for (const message of batch.messages) {
    const offset = Number(message.offset);
    const type = Decoder.typeOf(message);
    if (type && !wanted(type)) {
      items.push({ offset, message, type });
      continue;
    }
    let event: DomainEvent;
    try {
      try {
        event = decoder.decodeKnown(message, batch);
      } catch (err) {
        if (!(err instanceof UnknownSchemaError)) throw err;
        await decoder.learn(err.fingerprint);
        event = decoder.decodeKnown(message, batch);
      }
    } catch (err) {
      if (isTransient(err)) throw err;
      items.push({ offset, message, type, error: `cannot decode: ${describe(err)}` });
      continue;
    }
    items.push({ offset, message, type, envelope: { event, topic: batch.topic, partition: batch.partition, offset, key: message.key?.toString() ?? null } });
  }
  return items;
}
