import type { Pool, PoolClient } from '@groupchat/shared';
import { buildLabel } from './naming';
import { buildStatus, type BuildStatus } from './registry';
import type { Build } from './types';

export interface Checkpoint {
  topic: string;
  partition: number;
  nextOffset: number;
}

/** Creates the rows at 0 so that a batch only ever locks an existing row. */
export async function initCheckpoints(db: Pool | PoolClient, b: Build, partitions: { topic: string; partition: number }[]): Promise<void> {
  if (!partitions.length) return;
  await db.query(
    `INSERT INTO projection_checkpoints (projection, version, generation, topic, partition, next_offset)
     SELECT $1, $2, $3, t, p, 0 FROM unnest($4::text[], $5::int[]) AS x(t, p)
     ON CONFLICT DO NOTHING`,
    [b.name, b.version, b.generation, partitions.map((p) => p.topic), partitions.map((p) => p.partition)],
  );
}

/** Locks one partition's checkpoint for the batch transaction and returns its next offset. */
export async function lockCheckpoint(client: PoolClient, b: Build, topic: string, partition: number): Promise<number> {
  const select = () =>
    client.query<{ next_offset: number }>(
      `SELECT next_offset FROM projection_checkpoints
        WHERE projection = $1 AND version = $2 AND generation = $3 AND topic = $4 AND partition = $5 FOR UPDATE`,
      [b.name, b.version, b.generation, topic, partition],
    );
  let { rows } = await select();
  if (!rows.length) {
    await initCheckpoints(client, b, [{ topic, partition }]);
    ({ rows } = await select());
  }
  return rows[0]!.next_offset;
}

/** The build's status and the partition's checkpoint, locked for the batch transaction. */
export async function lockBatch(client: PoolClient, b: Build, topic: string, partition: number): Promise<BatchStart> {
  const found = await statusAndCheckpoint(client, b, topic, partition, true);
  return found ?? { status: await buildStatus(client, b), next: await lockCheckpoint(client, b, topic, partition) };
}

/** The build's status and the partition's checkpoint, unlocked. */
export async function peekBatch(db: Pool | PoolClient, b: Build, topic: string, partition: number): Promise<BatchStart> {
  return (await statusAndCheckpoint(db, b, topic, partition, false)) ?? { status: await buildStatus(db, b), next: 0 };
}

export interface BatchStart {
  status?: BuildStatus;
  next: number;
}

/**
 * Moves the checkpoint and commits in one round trip: a simple query, so the values are
 * inlined (integers, and names escaped by the driver).
 */
export async function commitCheckpoint(client: PoolClient, b: Build, topic: string, partition: number, nextOffset: number): Promise<void> {
  const int = (n: number) => String(Math.trunc(n));
  await client.query(
    `UPDATE projection_checkpoints SET next_offset = ${int(nextOffset)}, updated_at = now()
      WHERE projection = ${client.escapeLiteral(b.name)} AND version = ${int(b.version)} AND generation = ${int(b.generation)}
        AND topic = ${client.escapeLiteral(topic)} AND partition = ${int(partition)};
     COMMIT`,
  );
}

export async function readCheckpoint(db: Pool | PoolClient, b: Build, topic: string, partition: number): Promise<number> {
  const { rows } = await db.query<{ next_offset: number }>(
    `SELECT next_offset FROM projection_checkpoints WHERE projection = $1 AND version = $2 AND generation = $3 AND topic = $4 AND partition = $5`,
    [b.name, b.version, b.generation, topic, partition],
  );
  return rows[0]?.next_offset ?? 0;
}

export async function writeCheckpoint(db: Pool | PoolClient, b: Build, topic: string, partition: number, nextOffset: number): Promise<void> {
  await db.query(
    `INSERT INTO projection_checkpoints (projection, version, generation, topic, partition, next_offset, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, now())
     ON CONFLICT (projection, version, generation, topic, partition)
     DO UPDATE SET next_offset = GREATEST(projection_checkpoints.next_offset, EXCLUDED.next_offset), updated_at = now()`,
    [b.name, b.version, b.generation, topic, partition, nextOffset],
  );
}

/** The checkpoints of several builds in one query, by build label, then by `topic/partition`. */
export async function checkpointsOf(db: Pool | PoolClient, builds: Build[]): Promise<Map<string, Map<string, number>>> {
  const out = new Map<string, Map<string, number>>(builds.map((b) => [buildLabel(b), new Map()]));
  if (!builds.length) return out;
  const { rows } = await db.query<{ projection: string; version: number; generation: number; topic: string; partition: number; next_offset: number }>(
    `SELECT c.projection, c.version, c.generation, c.topic, c.partition, c.next_offset
       FROM projection_checkpoints c JOIN unnest($1::text[], $2::int[], $3::int[]) AS b(name, version, generation)
         ON c.projection = b.name AND c.version = b.version AND c.generation = b.generation`,
    [builds.map((b) => b.name), builds.map((b) => b.version), builds.map((b) => b.generation)],
  );
  for (const r of rows) out.get(buildLabel({ name: r.projection, version: r.version, generation: r.generation }))?.set(`${r.topic}/${r.partition}`, r.next_offset);
  return out;
}

export async function listCheckpoints(db: Pool | PoolClient, b: Build): Promise<Checkpoint[]> {
  const { rows } = await db.query<Checkpoint>(
    `SELECT topic, partition, next_offset AS "nextOffset" FROM projection_checkpoints
      WHERE projection = $1 AND version = $2 AND generation = $3 ORDER BY topic, partition`,
    [b.name, b.version, b.generation],
  );
  return rows;
}

/** Both in one round trip, which is much of what a small batch costs; undefined without a checkpoint row. */
async function statusAndCheckpoint(db: Pool | PoolClient, b: Build, topic: string, partition: number, lock: boolean): Promise<BatchStart | undefined> {
  const { rows } = await db.query<{ status: BuildStatus | null; next_offset: number }>(
    `SELECT (SELECT status FROM projections WHERE name = $1 AND version = $2 AND generation = $3) AS status, next_offset
       FROM projection_checkpoints
      WHERE projection = $1 AND version = $2 AND generation = $3 AND topic = $4 AND partition = $5${lock ? ' FOR UPDATE' : ''}`,
    [b.name, b.version, b.generation, topic, partition],
  );
  return rows[0] && { status: rows[0].status ?? undefined, next: rows[0].next_offset };
}
