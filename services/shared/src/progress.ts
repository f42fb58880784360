import type { Pool } from './db';
import { AppError } from './errors';
import type { Position } from './position';

export interface WaitOptions {
  /** Only these projections count (default: every live projection reading the position's topic). */
  projections?: string[];
  /** Which kind of read model to wait for: search reads wait on the Elasticsearch projections. */
  storage?: 'postgres' | 'elasticsearch';
  timeoutMs?: number;
  intervalMs?: number;
}

/**
 * Read-your-writes: waits, bounded, until the read models have applied every given position;
 * past the bound, a 503 problem saying the read model is behind.
 */
export async function waitForPositions(
  pool: Pool,
  positions: Position[],
  { projections, storage = 'postgres', timeoutMs = 5000, intervalMs = 15 }: WaitOptions = {},
): Promise<void> {
  if (!positions.length) return;
  const deadline = Date.now() + timeoutMs;
  const topics = [...new Set(positions.map((p) => p.topic))];
  let pending = positions;
  for (;;) {
    // One query per poll for all the positions; a failed read counts as not reached yet.
    const snapshot = await progressSnapshot(pool, storage, topics).catch(() => undefined);
    if (snapshot) pending = pending.filter((p) => !snapshot.reached(p, projections));
    if (!pending.length) return;
    if (Date.now() >= deadline) {
      throw new AppError(
        503,
        'read_model_behind',
        `the read model has not reached position ${pending.map((p) => `${p.topic}.${p.partition}.${p.offset}`).join(', ')} within ${timeoutMs} ms; retry shortly`,
        {},
        true,
      );
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Where every live projection of one storage stood when read: whether each has applied a position, for many positions at once. */
export interface ProgressSnapshot {
  reached(p: Position, projections?: string[]): boolean;
}

export interface ProgressRow {
  name: string;
  topics: string[];
  topic: string | null;
  partition: number | null;
  next_offset: string | number | null;
}

/**
 * The rows a snapshot is made of; a statement may embed it to read progress and data in one
 * snapshot. `topicsParam` (a text[] parameter such as `$1`) limits it to the projections and
 * checkpoints of those topics.
 */
export const progressRowsSql = (storage: 'postgres' | 'elasticsearch', topicsParam?: string) => `
  SELECT pr.name, pr.topics, c.topic, c.partition, c.next_offset
    FROM projections pr
    LEFT JOIN projection_checkpoints c ON c.projection = pr.name AND c.version = pr.version AND c.generation = pr.generation${topicsParam ? ` AND c.topic = ANY(${topicsParam})` : ''}
   WHERE pr.status = 'live' AND pr.storage = '${storage}'${topicsParam ? ` AND pr.topics && ${topicsParam}` : ''}`;

export function snapshotOf(rows: ProgressRow[]): ProgressSnapshot {
  const live = new Map<string, string[]>();
  const next = new Map<string, bigint>();
  for (const r of rows) {
    live.set(r.name, r.topics);
    if (r.topic !== null && r.next_offset !== null) next.set(`${r.name}\u0000${r.topic}\u0000${r.partition}`, BigInt(r.next_offset));
  }
  return {
    reached(p, projections) {
      for (const [name, topics] of live) {
        if (!topics.includes(p.topic) || (projections && !projections.includes(name))) continue;
        if ((next.get(`${name}\u0000${p.topic}\u0000${p.partition}`) ?? 0n) <= p.offset) return false;
      }
      return true;
    },
  };
}

/** One query for a whole batch of positions instead of one per position; only the given topics' when named. */
export async function progressSnapshot(pool: Pool, storage: 'postgres' | 'elasticsearch' = 'postgres', topics?: string[]): Promise<ProgressSnapshot> {
  const { rows } = topics ? await pool.query<ProgressRow>(progressRowsSql(storage, '$1'), [topics]) : await pool.query<ProgressRow>(progressRowsSql(storage));
  return snapshotOf(rows);
}
