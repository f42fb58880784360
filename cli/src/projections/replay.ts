import { applyPostgres, handledTypes, physicalTable, type Envelope, type PostgresContext, type PostgresProjection } from '@groupchat/projectors';
import { learnSchemas, withTransaction, type Runtime } from '@groupchat/shared';
import { CliError } from '../context';
import { parseBound, resolveRanges } from '../events/range';
import { readRanges } from '../events/reader';
import { progress } from '../progress';
import { projectionNamed, withRuntime } from './runtime';

/** Events applied per transaction. */
const BATCH = 1000;

export interface ReplayResult {
  schema: string;
  until: Date;
  read: number;
  applied: number;
  undecodable: number;
  tables: string[];
  views: string[];
}

export function parseUntil(value: string): Date {
  const bound = (() => {
    try {
      return parseBound('--until', value);
    } catch {
      return undefined;
    }
  })();
  if (bound?.kind !== 'time')
    throw new CliError(`--until "${value}" is not a time: use ISO 8601 (e.g. 2026-11-01T12:00:00Z or 2026-11-01) or epoch milliseconds`);
  return new Date(bound.ms);
}

/** `replay_<name>_<yyyymmddthhmmss[mmm]z>`: the projection and the moment, readable in psql. */
export function replaySchema(name: string, until: Date): string {
  const iso = until.toISOString();
  const ms = iso.slice(20, 23);
  const stamp = iso.slice(0, 19).replace(/[-:]/g, '').toLowerCase() + (ms === '000' ? '' : ms) + 'z';
  return `replay_${name.replace(/-/g, '_')}_${stamp}`;
}

/**
 * Builds a Postgres projection as it stood at `until` into a schema of its own: its tables and
 * views are created there by the projection's own setup, and the log is applied from the
 * beginning up to the first record at or after `until` in each partition. Nothing of the live
 * builds is touched: no registry row, no checkpoints, no views swapped.
 */
export async function replay(opts: { until: string; projection: string }): Promise<ReplayResult> {
  const until = parseUntil(opts.until);
  const p = projectionNamed(opts.projection);
  if (p.storage !== 'postgres') {
    throw new CliError(
      `projection "${p.name}" is stored in Elasticsearch: replay builds Postgres projections only (export the events with "groupchat events export --until" instead)`,
    );
  }
  return withRuntime((rt) => replayInto(rt, p, until));
}

async function replayInto(rt: Runtime, p: PostgresProjection, until: Date): Promise<ReplayResult> {
  const schema = replaySchema(p.name, until);
  const build = { name: p.name, version: p.version, generation: 0 };
  const table = (name: string) => `${schema}.${physicalTable(name, build)}`;
  const context = (client: PostgresContext['client']): PostgresContext => ({ client, build, log: rt.log, table });
  const views = p.views
    ? Object.entries(p.views).map(([view, sql]) => [view, sql(table)] as const)
    : p.tables.map((t) => [t, `SELECT * FROM ${table(t)}`] as const);

  await withTransaction(rt.pool, async (client) => {
    // A replay of the same projection and moment is simply done again.
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.query(`CREATE SCHEMA ${schema}`);
    await p.setup(context(client));
    for (const [view, sql] of views) await client.query(`CREATE VIEW ${schema}.${view} AS ${sql}`);
  });

  try {
    const admin = rt.kafka.admin();
    await admin.connect();
    const ranges = await resolveRanges(admin, rt.config, p.topics as Parameters<typeof resolveRanges>[2], undefined, {
      kind: 'time',
      ms: until.getTime(),
    }).finally(() => admin.disconnect());
    await learnSchemas(rt.kafka, rt.config, rt.serde).catch(() => undefined);
    const total = ranges.reduce((n, r) => n + Number(r.end - r.start), 0);
    const bar = progress(total, `replay ${p.name}`);
    const types = handledTypes(p);
    const pending = new Map<string, Envelope[]>();
    let read = 0;
    let applied = 0;
    let undecodable = 0;
    const flush = async (key: string) => {
      const envelopes = pending.get(key);
      if (!envelopes?.length) return;
      pending.delete(key);
      await withTransaction(rt.pool, (client) => applyPostgres(p, envelopes, context(client)));
      applied += envelopes.length;
    };
    await readRanges(rt.kafka, rt.config, rt.serde, ranges, {
      onRecord: async (r) => {
        read++;
        bar.update(read + undecodable);
        if (!types.has(r.event.type)) return;
        const key = `${r.topic}/${r.partition}`;
        const list = pending.get(key) ?? [];
        list.push({ event: r.event, topic: r.topic, partition: r.partition, offset: Number(r.offset), key: r.key });
        pending.set(key, list);
        if (list.length >= BATCH) await flush(key);
      },
      onUndecodable: () => {
        undecodable++;
      },
    });
    for (const key of [...pending.keys()]) await flush(key);
    bar.stop();
    return { schema, until, read, applied, undecodable, tables: p.tables.map(table), views: views.map(([v]) => `${schema}.${v}`) };
  } catch (err) {
    await rt.pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
    throw err;
  }
}

export function renderReplay(r: ReplayResult): string {
  return [
    `schema ${r.schema}`,
    `as of ${r.until.toISOString()}: ${r.applied} events applied of ${r.read} read${r.undecodable ? ` (${r.undecodable} undecodable records skipped, as the live build dead-letters them)` : ''}`,
    `views: ${r.views.join(', ')}`,
    `tables: ${r.tables.join(', ')}`,
    '',
  ].join('\n');
}
