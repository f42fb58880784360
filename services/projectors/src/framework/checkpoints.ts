import type { Pool, PoolClient } from '@groupchat/shared';
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

export async function listCheckpoints(db: Pool | PoolClient, b: Build): Promise<Checkpoint[]> {
  const { rows } = await db.query<Checkpoint>(
    `SELECT topic, partition, next_offset AS "nextOffset" FROM projection_checkpoints
      WHERE projection = $1 AND version = $2 AND generation = $3 ORDER BY topic, partition`,
    [b.name, b.version, b.generation],
  );
  return rows;
}
