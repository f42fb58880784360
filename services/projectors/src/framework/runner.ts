import type { Admin, Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { logicalTopic, topicName, type Config, type Logger, type Pool } from '@groupchat/shared';
import { readCheckpoint } from './checkpoints';
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
    const consumer = kafka.consumer({
      groupId: consumerGroup(config, build),
      maxWaitTimeInMs: 100,
      // Batches of a few thousand records: large enough for multi-row statements, small
      // enough that the first arrives soon after a fetch of a long backlog.
      maxBytesPerPartition: 1024 * 1024,
      maxBytes: 8 * 1024 * 1024,
      // A killed process holds its partitions until its session times out: keep that short,
      // and heartbeat during long batches (below) so a live one keeps them.
      sessionTimeout: 10_000,
      rebalanceTimeout: 30_000,
      heartbeatInterval: 1_000,
      allowAutoTopicCreation: false,
      retry: { retries: 10, restartOnFailure: async () => !this.abort.signal.aborted },
    });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      this.o.log.info({ projection: buildLabel(build), partitions: payload.memberAssignment, ms: payload.duration }, 'projection consumer joined its group');
      this.joined = this.seekToCheckpoints(payload.memberAssignment).catch((err) => {
        if (!this.abort.signal.aborted) this.o.log.warn({ projection: buildLabel(build), error: describe(err) }, 'could not seek to the checkpoints; batches are still filtered by them');
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
    const topics = Object.keys(assignment);
    const starts = new Map<string, number>();
    await Promise.all(
      topics.map(async (topic) => {
        for (const o of await admin.fetchTopicOffsets(topic)) starts.set(`${topic}/${o.partition}`, Number(o.low));
      }),
    );
    for (const t of await admin.fetchOffsets({ groupId: consumerGroup(config, build), topics })) {
      for (const p of t.partitions) if (Number(p.offset) >= 0) starts.set(`${t.topic}/${p.partition}`, Number(p.offset));
    }
    await Promise.all(
      Object.entries(assignment).flatMap(([topic, partitions]) =>
        partitions.map(async (partition) => {
          const next = await readCheckpoint(pool, build, logicalTopic(config, topic) ?? topic, partition);
          if (starts.get(`${topic}/${partition}`) !== next) this.consumer?.seek({ topic, partition, offset: String(next) });
        }),
      ),
    );
  }

  private async onBatch({ batch, resolveOffset, heartbeat, isStale, commitOffsetsIfNecessary }: EachBatchPayload): Promise<void> {
    await this.joined;
    if (this.abort.signal.aborted || isStale() || !batch.messages.length) return;
    const topic = logicalTopic(this.o.config, batch.topic);
    if (!topic) return;
    const beat = setInterval(() => void heartbeat().catch(() => undefined), 1_000);
    try {
      const started = Date.now();
      const next = await this.o.processor.process(
        { topic, physicalTopic: batch.topic, partition: batch.partition, messages: batch.messages },
        { signal: this.abort.signal, heartbeat },
      );
      const took = Date.now() - started;
      if (took > SLOW_BATCH_MS) this.o.log.warn({ projection: buildLabel(this.o.build), topic, partition: batch.partition, records: batch.messages.length, ms: took }, 'slow projection batch');
      const last = Number(batch.lastOffset());
      const first = Number(batch.firstOffset() ?? last);
      if (next === last + 1) resolveOffset(batch.lastOffset());
      else this.consumer?.seek({ topic: batch.topic, partition: batch.partition, offset: String(next) });
      this.o.onProgress(topic, batch.partition, next, Number(batch.highWatermark), Math.max(0, Math.min(next, last + 1) - first));
      await commitOffsetsIfNecessary().catch(() => undefined);
    } catch (err) {
      if (err instanceof Stopping) return;
      if (err instanceof BuildRetired) {
        this.abort.abort();
        this.o.onRetired();
        return;
      }
      throw err;
    } finally {
      clearInterval(beat);
    }
  }
}
