import type { Admin } from 'kafkajs';
import { topicName, type Config, type LogicalTopic, type Pool } from '@groupchat/shared';
import { checkpointsOf } from './checkpoints';
import { buildLabel } from './naming';
import { listBuilds, type BuildRow } from './registry';

export interface PartitionProgress {
  topic: string;
  partition: number;
  nextOffset: number;
  highWatermark: number;
  lag: number;
}

export interface BuildStatusReport extends BuildRow {
  lag: number;
  partitions: PartitionProgress[];
}

export type HighWatermarks = Map<string, { high: number; low: number }>;

export const partitionKey = (topic: string, partition: number) => `${topic}/${partition}`;

/** High and low watermarks of the given logical topics, keyed `topic/partition`. */
export async function watermarks(admin: Admin, config: Pick<Config, 'GROUPCHAT_NAMESPACE'>, topics: Iterable<string>): Promise<HighWatermarks> {
  const out: HighWatermarks = new Map();
  await Promise.all(
    [...new Set(topics)].map(async (topic) => {
      for (const o of await admin.fetchTopicOffsets(topicName(config, topic as LogicalTopic))) {
        out.set(partitionKey(topic, o.partition), { high: Number(o.high), low: Number(o.low) });
      }
    }),
  );
  return out;
}

/** Every build in the registry (dropped ones left out unless asked) with its lag per partition. */
export async function projectionStatus(
  pool: Pool,
  admin: Admin,
  config: Pick<Config, 'GROUPCHAT_NAMESPACE'>,
  opts: { name?: string; includeDropped?: boolean } = {},
): Promise<BuildStatusReport[]> {
  const rows = (await listBuilds(pool, opts.name)).filter((r) => opts.includeDropped || !r.droppedAt);
  const [marks, checkpoints] = await Promise.all([
    watermarks(
      admin,
      config,
      rows.flatMap((r) => r.topics),
    ),
    checkpointsOf(pool, rows),
  ]);
  return rows.map((row) => {
    const cps = checkpoints.get(buildLabel(row)) ?? new Map<string, number>();
    const partitions = [...marks]
      .filter(([k]) => row.topics.includes(k.split('/')[0]!))
      .map(([k, m]) => {
        const [topic, p] = k.split('/');
        const nextOffset = cps.get(k) ?? 0;
        return { topic: topic!, partition: Number(p), nextOffset, highWatermark: m.high, lag: Math.max(0, m.high - Math.max(nextOffset, m.low)) };
      })
      .sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
    return { ...row, lag: partitions.reduce((n, p) => n + p.lag, 0), partitions };
  });
}
