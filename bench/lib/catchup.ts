import type { Admin } from 'kafkajs';
import { topicName, type Config, type LogicalTopic, type Pool } from '@groupchat/shared';
import { sleep } from './proc';

export interface BuildRef {
  name: string;
  version: number;
  generation: number;
  storage: string;
  topics: string[];
  status: string;
}

/** High watermark of every partition of a topic. */
export async function highWatermarks(admin: Admin, config: Config, topic: LogicalTopic): Promise<Map<number, number>> {
  const offsets = await admin.fetchTopicOffsets(topicName(config, topic));
  return new Map(offsets.map((o) => [o.partition, Number(o.high)]));
}

/** Records in a topic (sum of high watermarks; the bench's topics start empty and are never compacted). */
export async function topicSize(admin: Admin, config: Config, topic: LogicalTopic): Promise<number> {
  let n = 0;
  for (const high of (await highWatermarks(admin, config, topic)).values()) n += high;
  return n;
}

export async function listBuilds(pool: Pool, statuses = ['live']): Promise<BuildRef[]> {
  const exists = await pool.query(`SELECT to_regclass('projections') IS NOT NULL AS ok`);
  if (!exists.rows[0]?.ok) return [];
  const { rows } = await pool.query<BuildRef>(`SELECT name, version, generation, storage, topics, status FROM projections WHERE status = ANY($1)`, [statuses]);
  return rows;
}

/** How many records the given builds still have to apply, summed over their topics' partitions. */
export async function recordsBehind(pool: Pool, admin: Admin, config: Config, builds: BuildRef[]): Promise<number> {
  const marks = new Map<string, Map<number, number>>();
  let behind = 0;
  for (const b of builds) {
    const { rows } = await pool.query<{ topic: string; partition: number; next_offset: number }>(
      `SELECT topic, partition, next_offset FROM projection_checkpoints WHERE projection = $1 AND version = $2 AND generation = $3`,
      [b.name, b.version, b.generation],
    );
    const cps = new Map(rows.map((r) => [`${r.topic}/${r.partition}`, Number(r.next_offset)]));
    for (const topic of b.topics) {
      if (!marks.has(topic)) marks.set(topic, await highWatermarks(admin, config, topic as LogicalTopic));
      for (const [partition, high] of marks.get(topic)!) behind += Math.max(0, high - (cps.get(`${topic}/${partition}`) ?? 0));
    }
  }
  return behind;
}

/**
 * Waits until every live projection (or those named) has applied everything in its topics.
 * Returns the time it took in ms.
 */
export async function waitCaughtUp(
  pool: Pool,
  admin: Admin,
  config: Config,
  { names, timeoutMs = 600_000, onProgress }: { names?: string[]; timeoutMs?: number; onProgress?: (behind: number) => void } = {},
): Promise<number> {
  const started = performance.now();
  let lastReport = 0;
  for (;;) {
    const builds = (await listBuilds(pool)).filter((b) => !names || names.includes(b.name));
    const behind = await recordsBehind(pool, admin, config, builds);
    if (behind === 0) return performance.now() - started;
    if (onProgress && performance.now() - lastReport > 5000) {
      lastReport = performance.now();
      onProgress(behind);
    }
    if (performance.now() - started > timeoutMs) throw new Error(`projections still ${behind} records behind after ${Math.round(timeoutMs / 1000)} s`);
    await sleep(200);
  }
}
