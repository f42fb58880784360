import { projections } from '@groupchat/projectors';
import { createLogger, topicName, type LogicalTopic } from '@groupchat/shared';
import { requestRebuild } from '../../services/projectors/src/framework/lifecycle';
import type { Bench } from './bench';
import { progress } from './bench';
import { listBuilds, recordsBehind } from './catchup';
import { waitUntil } from './proc';

export interface Rebuilt {
  ms: number;
  builds: { name: string; version: number; generation: number }[];
  /** False when the budget ran out first: the builds were then abandoned. */
  complete: boolean;
  /** Records applied per build (the mean over the builds). */
  applied: number;
}

/**
 * Asks for a rebuild of the named projections the way the projectors' rebuild() does (a new
 * generation beside the live one, registered in the projections table); the running system's
 * supervisor picks it up, builds it from offset 0 and swaps it in. Resolves when every one is
 * live, or when `budgetMs` has passed: the builds are then abandoned (marked retired, which
 * stops them) and the answer says how far they got.
 */
export async function rebuildAndWait(b: Bench, names: string[], budgetMs: number): Promise<Rebuilt> {
  const deps = { config: b.config, es: b.es, log: createLogger('warn', 'bench') };
  const started = performance.now();
  const builds: Rebuilt['builds'] = [];
  for (const name of names) {
    const p = projections.find((x) => x.name === name);
    if (!p) throw new Error(`no projection named ${name}`);
    const partitions: { topic: string; partition: number }[] = [];
    for (const topic of p.topics) {
      for (const o of await b.admin.fetchTopicOffsets(topicName(b.config, topic as LogicalTopic))) partitions.push({ topic, partition: o.partition });
    }
    const row = await requestRebuild(deps, b.pool, p, partitions);
    builds.push({ name: row.name, version: row.version, generation: row.generation });
  }
  let lastReport = performance.now();
  const complete = await waitUntil(
    `the rebuild of ${names.join(', ')} to go live`,
    async () => {
      if (performance.now() - started > budgetMs) return true;
      const all = await listBuilds(b.pool, ['building', 'live', 'retired']);
      const mine = builds.map((x) => all.find((r) => r.name === x.name && r.version === x.version && r.generation === x.generation));
      if (mine.every((r) => r?.status === 'live')) return true;
      if (mine.some((r) => !r || r.status === 'retired')) throw new Error(`a rebuild of ${names.join(', ')} was abandoned`);
      if (performance.now() - lastReport > 10_000) {
        lastReport = performance.now();
        const behind = await recordsBehind(b.pool, b.admin, b.config, mine.filter((r) => r?.status === 'building') as never);
        progress(`  rebuild ${behind.toLocaleString('en-US')} records to go …`);
      }
      return false;
    },
    budgetMs + 60_000,
    100,
  ).then(() => performance.now() - started <= budgetMs);
  const ms = performance.now() - started;
  const applied = await appliedBy(b, builds);
  if (!complete) {
    for (const x of builds) {
      await b.pool.query(
        `UPDATE projections SET status = 'retired', retired_at = now() WHERE name = $1 AND version = $2 AND generation = $3 AND status = 'building'`,
        [x.name, x.version, x.generation],
      );
    }
  }
  return { ms, builds, complete, applied };
}

async function appliedBy(b: Bench, builds: Rebuilt['builds']): Promise<number> {
  let total = 0;
  for (const x of builds) {
    const { rows } = await b.pool.query<{ n: number }>(
      `SELECT coalesce(sum(next_offset), 0)::bigint AS n FROM projection_checkpoints WHERE projection = $1 AND version = $2 AND generation = $3 AND topic = 'messages'`,
      [x.name, x.version, x.generation],
    );
    total += Number(rows[0]?.n ?? 0);
  }
  return builds.length ? total / builds.length : 0;
}

/** Physical relations of a live Postgres build (its versioned tables). */
export async function liveRelations(b: Bench, name: string): Promise<string[]> {
  const { rows } = await b.pool.query<{ relations: string[] }>(`SELECT relations FROM projections WHERE name = $1 AND status = 'live'`, [name]);
  return rows[0]?.relations ?? [];
}
