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

/** The build's status and the partition's checkpoint, unlocked. */
export async function peekBatch(db: Pool | PoolClient, b: Build, topic: string, partition: number): Promise<BatchStart> {
  return (await statusAndCheckpoint(db, b, topic, partition)) ?? { status: await buildStatus(db, b), next: 0 };
}

export interface BatchStart {
  status?: BuildStatus;
  next: number;
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
  for (const r of rows)
    out.get(buildLabel({ name: r.projection, version: r.version, generation: r.generation }))?.set(`${r.topic}/${r.partition}`, r.next_offset);
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
async function statusAndCheckpoint(db: Pool | PoolClient, b: Build, topic: string, partition: number): Promise<BatchStart | undefined> {
  const { rows } = await db.query<{ status: BuildStatus | null; next_offset: number }>(
    `SELECT (SELECT status FROM projections WHERE name = $1 AND version = $2 AND generation = $3) AS status, next_offset
       FROM projection_checkpoints
      WHERE projection = $1 AND version = $2 AND generation = $3 AND topic = $4 AND partition = $5`,
    [b.name, b.version, b.generation, topic, partition],
  );
  return rows[0] && { status: rows[0].status ?? undefined, next: rows[0].next_offset };
}

export interface PartitionAt {
  topic: string;
  partition: number;
}

/** The build's status and the checkpoints of several partitions, locked (in a fixed order) for one transaction. */
export async function lockBatches(client: PoolClient, b: Build, parts: PartitionAt[]): Promise<{ status?: BuildStatus; next: number[] }> {
  const select = () =>
    client.query<{ status: BuildStatus | null; topic: string; partition: number; next_offset: number }>(
      `SELECT (SELECT status FROM projections WHERE name = $1 AND version = $2 AND generation = $3) AS status, c.topic, c.partition, c.next_offset
         FROM projection_checkpoints c JOIN unnest($4::text[], $5::int[]) AS x(t, p) ON c.topic = x.t AND c.partition = x.p
        WHERE c.projection = $1 AND c.version = $2 AND c.generation = $3
        ORDER BY c.topic, c.partition FOR UPDATE OF c`,
      [b.name, b.version, b.generation, parts.map((p) => p.topic), parts.map((p) => p.partition)],
    );
  let { rows } = await select();
  if (rows.length < parts.length) {
    await initCheckpoints(client, b, parts);
    ({ rows } = await select());
  }
  const at = new Map(rows.map((r) => [`${r.topic}/${r.partition}`, r.next_offset]));
  const status = rows[0] ? (rows[0].status ?? undefined) : await buildStatus(client, b);
  return { status, next: parts.map((p) => at.get(`${p.topic}/${p.partition}`) ?? 0) };
}

/** Moves the checkpoints of several partitions and commits, in one round trip (a simple query, values inlined). */
export async function commitCheckpoints(client: PoolClient, b: Build, moves: (PartitionAt & { nextOffset: number })[]): Promise<void> {
  const int = (n: number) => String(Math.trunc(n));
  if (!moves.length) {
    await client.query('COMMIT');
    return;
  }
  const values = moves.map((m) => `(${client.escapeLiteral(m.topic)}, ${int(m.partition)}, ${int(m.nextOffset)})`).join(', ');
  await client.query(
    `UPDATE projection_checkpoints c SET next_offset = v.n, updated_at = now() FROM (VALUES ${values}) AS v(t, p, n)
      WHERE c.projection = ${client.escapeLiteral(b.name)} AND c.version = ${int(b.version)} AND c.generation = ${int(b.generation)}
        AND c.topic = v.t AND c.partition = v.p;
     COMMIT`,
  );
}
