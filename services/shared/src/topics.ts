import { Partitioners, type Admin } from 'kafkajs';
import type { Config } from './config';

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
      await waitForLeaders(
        admin,
        missing.map((t) => topicName(config, t)),
      );
    });
  await waitForOffsets(
    admin,
    missing.map((t) => topicName(config, t)),
  );
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
