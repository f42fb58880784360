import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { Config } from './config';

// int8 as string would leak into every row; offsets and counts fit in JS numbers or are read as bigint explicitly.
pg.types.setTypeParser(20, (v) => Number(v));

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;

export function createPool(config: Pick<Config, 'DATABASE_URL'>, max = 20): pg.Pool {
  const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max, connectionTimeoutMillis: 5000, idleTimeoutMillis: 30000 });
  // An idle client losing its server (Postgres restart) must not crash the process.
  pool.on('error', () => undefined);
  return pool;
}

export async function withTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/**
 * Applies `NNN_name.sql` files from `dir` that `owner` has not applied yet, in order, each in
 * its own transaction, under an advisory lock so concurrent starts do not race.
 */
export async function migrate(pool: pg.Pool, owner: string, dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const files = readdirSync(dir)
    .filter((f) => /^\d{3,}_.+\.sql$/.test(f))
    .sort();
  const applied: string[] = [];
  await withTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock(7223340)');
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      owner text NOT NULL, version text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (owner, version))`);
    const done = new Set((await client.query('SELECT version FROM schema_migrations WHERE owner = $1', [owner])).rows.map((r) => r.version as string));
    for (const file of files) {
      if (done.has(file)) continue;
      await client.query(readFileSync(join(dir, file), 'utf8'));
      await client.query('INSERT INTO schema_migrations (owner, version) VALUES ($1, $2)', [owner, file]);
      applied.push(file);
    }
  });
  return applied;
}

/** Creates the database named in `url` if it does not exist (connecting to the `postgres` database). */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!name || name === 'postgres') return;
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!exists.rowCount)
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`).catch((e: Error) => {
        if (!/already exists/.test(e.message)) throw e;
      });
  } finally {
    await client.end();
  }
}
