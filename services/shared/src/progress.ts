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

/** True when every live projection reading the position's topic has applied it. */
export async function hasReached(pool: Pool, p: Position, projections?: string[], storage: 'postgres' | 'elasticsearch' = 'postgres'): Promise<boolean> {
  const { rows } = await pool.query<{ behind: number }>(
    `SELECT count(*)::int AS behind
       FROM projections pr
       LEFT JOIN projection_checkpoints c
         ON c.projection = pr.name AND c.version = pr.version AND c.generation = pr.generation AND c.topic = $1 AND c.partition = $2
      WHERE pr.status = 'live' AND pr.storage = $5 AND $1 = ANY(pr.topics)
        AND ($4::text[] IS NULL OR pr.name = ANY($4))
        AND coalesce(c.next_offset, 0) <= $3`,
    [p.topic, p.partition, p.offset.toString(), projections ?? null, storage],
  );
  return rows[0]!.behind === 0;
}

/**
 * Read-your-writes: waits, bounded, until the read models have applied every given position;
 * past the bound, a 503 problem saying the read model is behind.
 */
export async function waitForPositions(pool: Pool, positions: Position[], { projections, storage, timeoutMs = 5000, intervalMs = 15 }: WaitOptions = {}): Promise<void> {
  if (!positions.length) return;
  const deadline = Date.now() + timeoutMs;
  let pending = positions;
  for (;;) {
    const reached = await Promise.all(pending.map((p) => hasReached(pool, p, projections, storage).catch(() => false)));
    pending = pending.filter((_, i) => !reached[i]);
    if (!pending.length) return;
    if (Date.now() >= deadline) {
      throw new AppError(503, 'read_model_behind', `the read model has not reached position ${pending.map((p) => `${p.topic}.${p.partition}.${p.offset}`).join(', ')} within ${timeoutMs} ms; retry shortly`, {}, true);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
