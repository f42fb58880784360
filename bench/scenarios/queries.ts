import { indexName } from '@groupchat/shared';
import { cpuOf, metered, progress, settle, withWorkers, type Bench } from '../lib/bench';
import { vocabulary } from '../lib/corpus';
import { merge, summarize, type Latency } from '../lib/hdr';
import type { Outcome } from '../lib/http';
import { fmt, type Row } from '../lib/report';
import { prng } from '../lib/words';
import type { HistoryTarget } from '../load/queries';

/**
 * History pages (limit 50, a random `before` inside the group's history) and message searches
 * (a mid-frequency word, by users in 100 groups) at fixed rates through the query API, against
 * the same SQL sent to Postgres and the same query sent to Elasticsearch.
 */
export async function queries(b: Bench): Promise<Row[]> {
  const q = b.options.sizes.queries;
  await settle(b);
  const { rows: counted } = await b.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM messages');
  const loaded = counted[0]!.n;
  const { rows: ranges } = await b.pool.query<{ group_id: string; partition: number; lo: number; hi: number }>(
    `SELECT group_id, min(partition) AS partition, min("offset") AS lo, max("offset") AS hi FROM messages GROUP BY group_id HAVING count(*) >= 60`,
  );
  const byId = new Map(b.population.groups.map((g) => [g.id, g]));
  const rand = prng(99);
  const history: HistoryTarget[] = ranges.flatMap((r) => {
    const g = byId.get(r.group_id);
    const m = g?.members[Math.floor(rand() * g.members.length)];
    return m ? [{ groupId: r.group_id, userId: m.id, username: m.username, partition: r.partition, minOffset: Number(r.lo), maxOffset: Number(r.hi) }] : [];
  });
  if (!history.length) throw new Error('no group has 60 messages or more; too few messages loaded');
  const searchers = b.population.searchers.map((s) => ({ userId: s.user.id, username: s.user.username, groupIds: s.groupIds }));
  const words = Array.from({ length: 500 }, () => vocabulary.searchWord(rand));

  return withWorkers('queries', 1, async ([w]) => {
    await w!.call('setup', {
      baseUrl: b.sut.url,
      jwtSecret: b.config.JWT_SECRET,
      tokenTtlSeconds: b.config.ACCESS_TOKEN_TTL_SECONDS,
      databaseUrl: b.config.DATABASE_URL,
      elasticsearchUrl: b.config.ELASTICSEARCH_URL,
      alias: indexName(b.config, 'messages'),
      history,
      searchers,
      words,
      seed: 5,
    });
    const run = async (kind: string, rate: number) => {
      progress(`queries: ${kind} at ${rate}/s for ${q.seconds} s …`);
      const r = await metered([b.sut.pid], [w!.pid], () => w!.call<Outcome>('open', { kind, rate, seconds: q.seconds }));
      return { ...r, latency: summarize(merge([r.result.hist!])) };
    };
    const hApi = await run('history', q.historyRate);
    const hSql = await run('historySql', q.historyRate);
    const sApi = await run('search', q.searchRate);
    const sEs = await run('searchEs', q.searchRate);
    await w!.call('close');
    const pair = (l: Latency) => `${fmt.ms(l.p50)} / ${fmt.ms(l.p99)} ms`;
    const failed = (r: typeof hApi) => r.result.failed + (r.result.pending ?? 0);
    /** `most`: the target, at most this many times the direct query's p99. */
    const row = (figure: string, api: typeof hApi, raw: typeof hApi, baseline: string, most?: number): Row => ({
      scenario: 'queries',
      figure,
      value: `${pair(api.latency)}${failed(api) ? ` (${fmt.int(failed(api))} failed)` : ''}`,
      baseline: `${baseline} ${pair(raw.latency)}`,
      ratio: raw.latency.p99 > 0 ? api.latency.p99 / raw.latency.p99 : null,
      target: most === undefined ? 'p99 (API ÷ direct)' : `≤ ${most.toFixed(1)} (p99 API ÷ direct)`,
      pass: most === undefined || !(raw.latency.p99 > 0) ? null : api.latency.p99 / raw.latency.p99 <= most,
      ...cpuOf(api),
      data: {
        messages: loaded,
        api: { latency: api.latency, statuses: api.result.statuses, samples: api.result.samples },
        direct: { latency: raw.latency, statuses: raw.result.statuses, samples: raw.result.samples, ...cpuOf(raw) },
      },
    });
    return [
      row(`history page p50 / p99, ${q.historyRate}/s, ${fmt.int(loaded)} messages`, hApi, hSql, 'same SQL on Postgres'),
      row(`message search p50 / p99, ${q.searchRate}/s, ${fmt.int(loaded)} messages`, sApi, sEs, 'same query on Elasticsearch', 2),
    ];
  });
}
