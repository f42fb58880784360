import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { EventSerde, HEADER_FINGERPRINT, topicOf, type DomainEvent } from '@groupchat/schemas';
import { createEs, createLogger, createPool, ensureDatabase, type PoolClient } from '@groupchat/shared';
import {
  aliasName,
  applyPostgres,
  createIndexBuild,
  createTables,
  handledTypes,
  OFFSETS_FIELD,
  postgresContext,
  writeDocuments,
  type Build,
  type Doc,
  type ElasticsearchProjection,
  type Envelope,
  type PostgresProjection,
  type Projection,
} from '../../src/framework';
import { dropNamespaceIndices, isolatedConfig, stackEnv } from '@groupchat/test-kit';
import { aggregateOf } from './events';

type Rows = Record<string, unknown>[];

/**
 * A projection tested without Kafka: `projectionSpec(p).given(...events).then(sql, rows)`, or
 * `.then(query, docs)` for Elasticsearch. Each `then` creates the build's tables and views (or
 * index and alias) in a scratch schema (or namespace), applies the events with the code the
 * processor runs for a batch (`applyPostgres` with the build's context, `writeDocuments`),
 * then compares what the query finds. It does so twice, once with every event in one batch and
 * once with one event per batch, because Kafka may cut the log anywhere: a projection whose
 * result depends on where is wrong.
 */
export function projectionSpec(projection: PostgresProjection): Spec<[sql: string, rows: Rows, params?: unknown[]]>;
/** Elasticsearch: the hits of `query` on the alias, in id order, each matching its doc (`toMatchObject`). */
export function projectionSpec(projection: ElasticsearchProjection): Spec<[query: object, docs: Doc[]]>;
export function projectionSpec(projection: Projection): Spec<[string | object, Rows, unknown[]?]> {
  const run = (batches: Envelope[][], query: string | object, params: unknown[]) =>
    projection.storage === 'postgres' ? projectRows(projection, batches, query as string, params) : projectDocs(projection, batches, query as object);
  const check = (found: unknown[], expected: Rows, how: string) =>
    projection.storage === 'postgres' ? expect(found, how).toEqual(expected) : expect(found, how).toMatchObject(expected);
  return {
    given: (...events) => ({
      async then(query, expected, params = []) {
        const envelopes = envelopesOf(projection, events);
        check(await run([envelopes], query, params), expected, 'applied in one batch');
        check(
          await run(
            envelopes.map((e) => [e]),
            query,
            params,
          ),
          expected,
          'applied one event per batch',
        );
      },
    }),
  };
}

interface Spec<Then extends unknown[]> {
  given(...events: DomainEvent[]): { then(...expectation: Then): Promise<void> };
}

const serde = new EventSerde();
const log = createLogger('silent', 'projection-spec');
const database = Object.assign(new URL(stackEnv().DATABASE_URL), { pathname: '/gc_projection_specs' }).toString();
let created: Promise<void> | undefined;

/** The events as the processor gets them: through the Avro schemas, frozen, with their place in the log; unread types left out. */
function envelopesOf(projection: Projection, events: DomainEvent[]): Envelope[] {
  const types = handledTypes(projection);
  const offsets = new Map<string, number>();
  const out: Envelope[] = [];
  for (const written of events) {
    const topic = topicOf(written.type);
    const offset = offsets.get(topic) ?? 0;
    offsets.set(topic, offset + 1);
    if (!projection.topics.includes(topic) || !types.has(written.type)) continue;
    const { value, headers } = serde.encode(written);
    const event = Object.freeze(serde.decode(value, headers[HEADER_FINGERPRINT]!));
    out.push({ event, topic, partition: 0, offset, key: aggregateOf(written) });
  }
  return out;
}

const buildOf = (p: Projection): Build => ({ name: p.name, version: p.version, generation: 0 });

async function projectRows(projection: PostgresProjection, batches: Envelope[][], sql: string, params: unknown[]): Promise<unknown[]> {
  await (created ??= ensureDatabase(database));
  const schema = `spec_${randomBytes(6).toString('hex')}`;
  // One connection throughout: the search path is the session's.
  const pool = createPool({ DATABASE_URL: database }, 1);
  const client = await pool.connect();
  try {
    await client.query(`CREATE SCHEMA ${schema}; SET search_path TO ${schema}, public`);
    const build = buildOf(projection);
    const ctx = postgresContext(client, build, log);
    await inTransaction(client, () => createTables(client, projection, build, log, true));
    for (const batch of batches) await inTransaction(client, () => applyPostgres(projection, batch, ctx));
    return (await client.query(sql, params)).rows;
  } finally {
    await client.query(`DROP SCHEMA ${schema} CASCADE`).catch(() => undefined);
    client.release();
    await pool.end();
  }
}

async function inTransaction(client: PoolClient, fn: () => Promise<unknown>): Promise<void> {
  await client.query('BEGIN');
  try {
    await fn();
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  }
}

async function projectDocs(projection: ElasticsearchProjection, batches: Envelope[][], query: object): Promise<Doc[]> {
  const config = isolatedConfig();
  const es = createEs(config);
  try {
    const { relations } = await createIndexBuild({ config, es }, projection, buildOf(projection), true);
    for (const batch of batches) if (batch.length) await writeDocuments(es, relations[0]!, projection, batch);
    const index = aliasName(config, projection.index.name);
    await es.indices.refresh({ index });
    const { hits } = await es.search<Doc>({ index, query, size: 1000 });
    return hits.hits
      .sort((a, b) => (a._id! < b._id! ? -1 : 1))
      .map(({ _source }) => Object.fromEntries(Object.entries(_source ?? {}).filter(([k]) => k !== OFFSETS_FIELD)));
  } finally {
    await dropNamespaceIndices(config);
    await es.close();
  }
}
