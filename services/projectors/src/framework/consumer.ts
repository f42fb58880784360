import type { Admin, Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { logicalTopic, type Config } from '@groupchat/shared';
import type { RawBatch } from './processor';

/** A consumer for projections: its committed offsets are informational, the checkpoints decide. */
export function projectionConsumer(kafka: Kafka, groupId: string, signal: AbortSignal): Consumer {
  return kafka.consumer({
    groupId,
    maxWaitTimeInMs: 100,
    // Batches of a few thousand records: large enough for multi-row statements, small
    // enough that the first arrives soon after a fetch of a long backlog.
    maxBytesPerPartition: 1024 * 1024,
    maxBytes: 8 * 1024 * 1024,
    // A killed process holds its partitions until its session times out: keep that short,
    // and heartbeat during long batches so a live one keeps them.
    sessionTimeout: 10_000,
    rebalanceTimeout: 30_000,
    heartbeatInterval: 1_000,
    allowAutoTopicCreation: false,
    retry: { retries: 10, restartOnFailure: async () => !signal.aborted },
  });
}

/**
 * Where Kafka would start each partition (`topic/partition` of the namespaced topics): the
 * group's committed offset, else the oldest record. A seek is needed only where the checkpoint
 * differs, since a seek discards what is already fetched.
 */
export async function kafkaStarts(admin: Admin, groupId: string, topics: string[]): Promise<Map<string, number>> {
  const starts = new Map<string, number>();
  await Promise.all(
    topics.map(async (topic) => {
      for (const o of await admin.fetchTopicOffsets(topic)) starts.set(`${topic}/${o.partition}`, Number(o.low));
    }),
  );
  for (const t of await admin.fetchOffsets({ groupId, topics })) {
    for (const p of t.partitions) if (Number(p.offset) >= 0) starts.set(`${t.topic}/${p.partition}`, Number(p.offset));
  }
  return starts;
}

/** The batch as a projection reads it; undefined when there is nothing to do (stopping, stale, empty, not ours). */
export function rawBatch(config: Pick<Config, 'GROUPCHAT_NAMESPACE'>, { batch, isStale }: EachBatchPayload, signal: AbortSignal): RawBatch | undefined {
  if (signal.aborted || isStale() || !batch.messages.length) return undefined;
  const topic = logicalTopic(config, batch.topic);
  return topic && { topic, physicalTopic: batch.topic, partition: batch.partition, messages: batch.messages };
}

/** Moves past the batch, or seeks to `next` where the checkpoints say reading must go on. */
export async function advance(
  consumer: Consumer | undefined,
  { batch, resolveOffset, commitOffsetsIfNecessary }: EachBatchPayload,
  next: number,
): Promise<void> {
  if (next === Number(batch.lastOffset()) + 1) resolveOffset(batch.lastOffset());
  else consumer?.seek({ topic: batch.topic, partition: batch.partition, offset: String(next) });
  await commitOffsetsIfNecessary().catch(() => undefined);
}

/** Runs `fn`, heartbeating meanwhile so that a long batch keeps the partitions. */
export async function beating<T>(heartbeat: () => Promise<void>, fn: () => Promise<T>): Promise<T> {
  const beat = setInterval(() => void heartbeat().catch(() => undefined), 1_000);
  try {
    return await fn();
  } finally {
    clearInterval(beat);
  }
}
