import { fileURLToPath } from 'node:url';
import { migrate, type Pool, type PoolClient } from '@groupchat/shared';
import type { Build, Projection } from './types';

export type BuildStatus = 'building' | 'live' | 'retired';

export interface BuildRow extends Build {
  storage: Projection['storage'];
  topics: string[];
  status: BuildStatus;
  views: string[];
  relations: string[];
  startedAt: Date;
  liveAt: Date | null;
  retiredAt: Date | null;
  droppedAt: Date | null;
}

const MIGRATIONS = fileURLToPath(new URL('../../migrations', import.meta.url));

/** Creates the registry and checkpoint tables (idempotent, safe when processes start together). */
export async function migrateRegistry(pool: Pool): Promise<void> {
  await migrate(pool, 'projectors', MIGRATIONS);
}

const COLUMNS = `name, version, generation, storage, topics, status, views, relations,
  started_at AS "startedAt", live_at AS "liveAt", retired_at AS "retiredAt", dropped_at AS "droppedAt"`;

export async function listBuilds(db: Pool | PoolClient, name?: string): Promise<BuildRow[]> {
  const { rows } = await db.query<BuildRow>(`SELECT ${COLUMNS} FROM projections WHERE ($1::text IS NULL OR name = $1) ORDER BY name, version, generation`, [
    name ?? null,
  ]);
  return rows;
}

export async function buildStatus(db: Pool | PoolClient, b: Build): Promise<BuildStatus | undefined> {
  const { rows } = await db.query<{ status: BuildStatus }>(`SELECT status FROM projections WHERE name = $1 AND version = $2 AND generation = $3`, [
    b.name,
    b.version,
    b.generation,
  ]);
  return rows[0]?.status;
}

/** Serialises the lifecycle changes of one projection across processes, until the transaction ends. */
export async function lockProjection(client: PoolClient, name: string): Promise<void> {
  await client.query(`SELECT pg_advisory_xact_lock(hashtext('projection:' || $1))`, [name]);
}

export async function insertBuild(client: PoolClient, p: Projection, b: Build, status: BuildStatus, views: string[], relations: string[]): Promise<void> {
  await client.query(
    `INSERT INTO projections (name, version, generation, storage, topics, status, views, relations, live_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, CASE WHEN $6 = 'live' THEN now() END)`,
    [b.name, b.version, b.generation, p.storage, p.topics, status, views, relations],
  );
}

export async function setStatus(client: PoolClient, b: Build, status: BuildStatus): Promise<void> {
  await client.query(
    `UPDATE projections SET status = $4,
            live_at = CASE WHEN $4 = 'live' THEN now() ELSE live_at END,
            retired_at = CASE WHEN $4 = 'retired' THEN now() ELSE retired_at END
      WHERE name = $1 AND version = $2 AND generation = $3`,
    [b.name, b.version, b.generation, status],
  );
}

export async function markDropped(db: Pool | PoolClient, b: Build): Promise<void> {
  await db.query(`UPDATE projections SET dropped_at = now() WHERE name = $1 AND version = $2 AND generation = $3`, [b.name, b.version, b.generation]);
}
