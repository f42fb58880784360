import type { Admin } from 'kafkajs';
import { parsePosition, topicName, type Config, type LogicalTopic } from '@groupchat/shared';
import { CliError } from '../context';

export const EVENT_LOG_TOPICS = ['users', 'groups', 'messages'] as const satisfies readonly LogicalTopic[];

export function parseTopics(list: string | undefined): LogicalTopic[] {
  if (!list) return [...EVENT_LOG_TOPICS];
  const topics = list
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  for (const t of topics) {
    if (!(EVENT_LOG_TOPICS as readonly string[]).includes(t)) {
      throw new CliError(`unknown topic "${t}": use one or more of ${EVENT_LOG_TOPICS.join(', ')} (comma-separated)`);
    }
  }
  return topics as LogicalTopic[];
}

/** A bound is a time (ISO 8601 or epoch ms) or a position token such as m.3.1041. */
export type Bound = { kind: 'time'; ms: number } | { kind: 'position'; topic: string; partition: number; offset: bigint };

export function parseBound(flag: string, value: string | undefined): Bound | undefined {
  if (value === undefined) return undefined;
  if (/^[ugm]\.\d+\.\d+$/.test(value)) {
    const p = parsePosition(value);
    return { kind: 'position', ...p };
  }
  const ms = /^\d{10,16}$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(ms) || !/\d{4}-\d{2}-\d{2}|^\d{10,16}$/.test(value)) {
    throw new CliError(`${flag} "${value}" is neither a time (e.g. 2026-11-01T00:00:00Z or 2026-11-01) nor a position (e.g. m.3.1041)`);
  }
  return { kind: 'time', ms };
}

export interface PartitionRange {
  topic: LogicalTopic;
  name: string;
  partition: number;
  /** First offset to read (inclusive). */
  start: bigint;
  /** Offset to stop at (exclusive). */
  end: bigint;
}

/** First offset at or after `ms` per partition; none (-1) means every record is older. */
async function offsetsAt(admin: Admin, name: string, ms: number): Promise<Map<number, bigint>> {
  const res = await admin.fetchTopicOffsetsByTimestamp(name, ms);
  return new Map(res.filter((r) => BigInt(r.offset) >= 0n).map((r) => [r.partition, BigInt(r.offset)]));
}

/**
 * Resolves the partitions and offsets to read: from `since` (or the beginning) up to `until`
 * (or the high watermark at this moment, so an export ends even while events keep arriving).
 */
export async function resolveRanges(admin: Admin, config: Config, topics: LogicalTopic[], since?: Bound, until?: Bound): Promise<PartitionRange[]> {
  const existing = new Set(await admin.listTopics());
  const ranges: PartitionRange[] = [];
  const positional = [since, until].filter((b): b is Extract<Bound, { kind: 'position' }> => b?.kind === 'position');
  for (const topic of topics) {
    const name = topicName(config, topic);
    if (!existing.has(name)) throw new CliError(`topic ${name} does not exist on ${config.KAFKA_BROKERS}: is this the right broker and GROUPCHAT_NAMESPACE?`);
    const offsets = await admin.fetchTopicOffsets(name);
    const sinceAt = since?.kind === 'time' ? await offsetsAt(admin, name, since.ms) : undefined;
    const untilAt = until?.kind === 'time' ? await offsetsAt(admin, name, until.ms) : undefined;
    for (const o of offsets) {
      const low = BigInt(o.low);
      const high = BigInt(o.high);
      let start = low;
      let end = high;
      // A position names one partition of one topic: it limits the export to that partition.
      if (positional.some((b) => b.topic !== topic || b.partition !== o.partition)) continue;
      if (sinceAt) start = sinceAt.get(o.partition) ?? high;
      if (since?.kind === 'position') start = since.offset + 1n;
      if (untilAt) end = untilAt.get(o.partition) ?? high;
      if (until?.kind === 'position') end = until.offset + 1n;
      if (start < low) start = low;
      if (end > high) end = high;
      if (start < end) ranges.push({ topic, name, partition: o.partition, start, end });
    }
  }
  return ranges;
}
