import type { Admin } from 'kafkajs';
import pg from 'pg';
import type { Config, EsClient } from '@groupchat/shared';

/** Removes what a run created on the shared servers: its topics, consumer groups, indices and database. */
export async function removeRunData(config: Config, admin: Admin, es: EsClient): Promise<void> {
  const ns = config.GROUPCHAT_NAMESPACE;
  if (!ns) return;
  const topics = (await admin.listTopics()).filter((t) => t.startsWith(ns));
  if (topics.length) await admin.deleteTopics({ topics, timeout: 30_000 }).catch(() => undefined);
  const groups = (await admin.listGroups()).groups.map((g) => g.groupId).filter((g) => g.startsWith(ns));
  if (groups.length) await admin.deleteGroups(groups).catch(() => undefined);
  const indices = (await es.cat.indices({ index: `${ns}*`, format: 'json', h: 'index' }).catch(() => [])) as { index?: string }[];
  const names = indices.map((i) => i.index).filter((i): i is string => Boolean(i));
  // One name at a time: wildcard deletes may be refused (action.destructive_requires_name).
  for (const index of names) await es.indices.delete({ index }).catch(() => undefined);
  const url = new URL(config.DATABASE_URL);
  const db = decodeURIComponent(url.pathname.slice(1));
  if (!db.startsWith('gc_bench_')) return;
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
