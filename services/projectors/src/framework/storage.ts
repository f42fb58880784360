import type { Config, EsClient, Logger, PoolClient } from '@groupchat/shared';
import { OFFSETS_FIELD } from './es-documents';
import { postgresContext } from './postgres-processor';
import { aliasName, physicalIndex, physicalTable } from './naming';
import type { BuildRow } from './registry';
import type { Build, ElasticsearchProjection, PostgresProjection, Projection } from './types';

/** What a build creates (relations) and what readers use (views or aliases), as recorded in the registry. */
export interface Objects {
  views: string[];
  relations: string[];
}

export interface StorageDeps {
  config: Config;
  es: EsClient;
  log: Logger;
}

/** Creates the build's tables or index; with `live`, points the views or alias at them too. */
export async function createBuildObjects(deps: StorageDeps, client: PoolClient, p: Projection, b: Build, live: boolean): Promise<Objects> {
  if (p.storage === 'postgres') return createTables(client, p, b, deps.log, live);
  return createIndexBuild(deps, p, b, live);
}

/** A Postgres build's part of `createBuildObjects`, in the caller's transaction. */
export async function createTables(client: PoolClient, p: PostgresProjection, b: Build, log: Logger, live: boolean): Promise<Objects> {
  await p.setup(postgresContext(client, b, log));
  if (live) await createViews(client, p, b);
  return { views: Object.keys(viewSql(p, b)), relations: p.tables.map((t) => physicalTable(t, b)) };
}

/** An Elasticsearch build's part of `createBuildObjects`. */
export async function createIndexBuild(deps: Pick<StorageDeps, 'config' | 'es'>, p: ElasticsearchProjection, b: Build, live: boolean): Promise<Objects> {
  const index = physicalIndex(deps.config, p.index.name, b);
  await createIndex(deps.es, p, index, live);
  if (live) await pointAlias(deps.es, aliasName(deps.config, p.index.name), index);
  return { views: [aliasName(deps.config, p.index.name)], relations: [index] };
}

/**
 * Points readers at `next` instead of `previous`, inside the caller's transaction for
 * Postgres (views are dropped and created in it, so a reader sees the old or the new one,
 * never neither) and in one alias update for Elasticsearch.
 */
export async function switchReaders(deps: StorageDeps, client: PoolClient, p: Projection, next: Build, previous: BuildRow | undefined): Promise<void> {
  if (p.storage === 'postgres') {
    for (const view of previous?.storage === 'postgres' ? previous.views : []) await client.query(`DROP VIEW IF EXISTS ${view}`);
    await createViews(client, p, next);
    return;
  }
  const index = physicalIndex(deps.config, p.index.name, next);
  // Built without refreshes (faster); everything written so far must be searchable before readers come.
  await deps.es.indices.putSettings({ index, settings: { refresh_interval: refreshInterval(p) } });
  await deps.es.indices.refresh({ index });
  await pointAlias(deps.es, aliasName(deps.config, p.index.name), index);
}

/** Drops what a retired build created. */
export async function dropBuildObjects(deps: StorageDeps, client: PoolClient, row: BuildRow): Promise<void> {
  if (row.storage === 'postgres') {
    for (const table of row.relations) await client.query(`DROP TABLE IF EXISTS ${table}`);
    return;
  }
  if (row.relations.length) await deps.es.indices.delete({ index: row.relations, ignore_unavailable: true });
}

function viewSql(p: PostgresProjection, b: Build): Record<string, string> {
  const table = (name: string) => physicalTable(name, b);
  if (p.views) return Object.fromEntries(Object.entries(p.views).map(([view, sql]) => [view, sql(table)]));
  return Object.fromEntries(p.tables.map((t) => [t, `SELECT * FROM ${table(t)}`]));
}

async function createViews(client: PoolClient, p: PostgresProjection, b: Build): Promise<void> {
  for (const [view, sql] of Object.entries(viewSql(p, b))) {
    await client.query(`DROP VIEW IF EXISTS ${view}`);
    await client.query(`CREATE VIEW ${view} AS ${sql}`);
  }
  for (const sql of p.functions ?? []) await client.query(sql);
}

function refreshInterval(p: ElasticsearchProjection): string {
  return String(p.index.settings.refresh_interval ?? '1s');
}

async function createIndex(es: EsClient, p: ElasticsearchProjection, index: string, live: boolean): Promise<void> {
  const mappings = p.index.mappings as { properties?: Record<string, unknown> };
  try {
    await es.indices.create({
      index,
      settings: {
        number_of_shards: 1,
        number_of_replicas: 0,
        'index.gc_deletes': '1d',
        ...p.index.settings,
        refresh_interval: live ? refreshInterval(p) : '-1',
      },
      mappings: { ...mappings, properties: { ...mappings.properties, [OFFSETS_FIELD]: { type: 'object', enabled: false } } },
    });
  } catch (err) {
    // A build whose registry row was rolled back may have created it already; it is rebuilt from 0 anyway.
    if ((err as { meta?: { body?: { error?: { type?: string } } } }).meta?.body?.error?.type !== 'resource_already_exists_exception') throw err;
  }
}

/** Moves the alias to `index` from whatever it pointed at, in one atomic alias update. */
async function pointAlias(es: EsClient, alias: string, index: string): Promise<void> {
  const holders = (await es.indices.existsAlias({ name: alias })) ? Object.keys(await es.indices.getAlias({ name: alias })).filter((i) => i !== index) : [];
  await es.indices.updateAliases({
    actions: [...holders.map((h) => ({ remove: { index: h, alias } })), { add: { index, alias } }],
  });
}
