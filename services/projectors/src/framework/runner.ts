import type { Admin, Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { logicalTopic, topicName, type Config, type Logger, type Pool } from '@groupchat/shared';
import { readCheckpoint } from './checkpoints';
import { advance, beating, kafkaStarts, projectionConsumer, rawBatch } from './consumer';
import { BuildRetired, Stopping, describe } from './errors';
import { buildLabel, consumerGroup } from './naming';
import type { Processor } from './processor';
import type { Build, Projection } from './types';

export interface RunnerOptions {
  kafka: Kafka;
  admin: Admin;
  pool: Pool;
  config: Config;
  log: Logger;
  build: Build;
  projection: Projection;
  processor: Processor;
  onProgress(topic: string, partition: number, nextOffset: number, highWatermark: number, applied: number): void;
  /** The build was retired under us (by a swap, maybe in another process). */
  onRetired(): void;
}

const SLOW_BATCH_MS = 5_000;

/**
 * One Kafka consumer group per build. Kafka's committed offsets are informational: on every
 * assignment the runner seeks to the checkpoint kept with the read model, which is the truth.
 */
export class Runner {
  private consumer?: Consumer;
  private readonly abort = new AbortController();
  private joined: Promise<void> = Promise.resolve();
  private stopped?: Promise<void>;

  constructor(private readonly o: RunnerOptions) {}

  get build(): Build {
    return this.o.build;
  }

  async start(): Promise<void> {
    if (this.abort.signal.aborted) return;
    const { kafka, config, build, projection } = this.o;
    const consumer = projectionConsumer(kafka, consumerGroup(config, build), this.abort.signal);
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      this.o.log.info({ projection: buildLabel(build), partitions: payload.memberAssignment, ms: payload.duration }, 'projection consumer joined its group');
      this.joined = this.seekToCheckpoints(payload.memberAssignment).catch((err) => {
        if (!this.abort.signal.aborted)
          this.o.log.warn({ projection: buildLabel(build), error: describe(err) }, 'could not seek to the checkpoints; batches are still filtered by them');
      });
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      this.o.log.error({ projection: buildLabel(build), error: describe(payload.error) }, 'projection consumer crashed; restarting');
    });
    await consumer.connect();
    await consumer.subscribe({ topics: projection.topics.map((t) => topicName(config, t)), fromBeginning: true });
    await consumer.run({
      autoCommit: true,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: projection.concurrency ?? 2,
      eachBatch: (payload) => this.onBatch(payload),
    });
    // Stopped while starting: a consumer left running would hold partitions it never processes.
    if (this.abort.signal.aborted) await consumer.disconnect().catch(() => undefined);
  }

  /** Stops after the batch in hand (an unfinished transaction rolls back). Idempotent. */
  stop(): Promise<void> {
    this.abort.abort();
    this.stopped ??= (this.consumer?.disconnect() ?? Promise.resolve()).catch(() => undefined);
    return this.stopped;
  }

  /**
   * Seeks where Kafka would start elsewhere than the checkpoint. Only there: a seek discards
   * what is already fetched, and a new build (no committed offsets, checkpoint 0) starts right.
   */
  private async seekToCheckpoints(assignment: Record<string, number[]>): Promise<void> {
    const { pool, build, config, admin } = this.o;
    const starts = await kafkaStarts(admin, consumerGroup(config, build), Object.keys(assignment));
    await Promise.all(
      Object.entries(assignment).flatMap(([topic, partitions]) =>
        partitions.map(async (partition) => {
          const next = await readCheckpoint(pool, build, logicalTopic(config, topic) ?? topic, partition);
          if (starts.get(`${topic}/${partition}`) !== next) this.consumer?.seek({ topic, partition, offset: String(next) });
        }),
      ),
    );
  }

  private async onBatch(payload: EachBatchPayload): Promise<void> {
    await this.joined;
    const batch = rawBatch(this.o.config, payload, this.abort.signal);
    if (!batch) return;
    try {
      const started = Date.now();
      const next = await beating(payload.heartbeat, () => this.o.processor.process(batch, { signal: this.abort.signal, heartbeat: payload.heartbeat }));
      const took = Date.now() - started;
      if (took > SLOW_BATCH_MS)
        this.o.log.warn(
          { projection: buildLabel(this.o.build), topic: batch.topic, partition: batch.partition, records: batch.messages.length, ms: took },
          'slow projection batch',
        );
      const last = Number(payload.batch.lastOffset());
      const first = Number(payload.batch.firstOffset() ?? last);
      this.o.onProgress(batch.topic, batch.partition, next, Number(payload.batch.highWatermark), Math.max(0, Math.min(next, last + 1) - first));
      await advance(this.consumer, payload, next);
    } catch (err) {
      if (err instanceof Stopping) return;
      if (err instanceof BuildRetired) {
        this.abort.abort();
        this.o.onRetired();
        return;
      }
      throw err;
    }
  }
}
