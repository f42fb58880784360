import { indexName } from '@groupchat/shared';
import { cpuOf, metered, progress, settle, withWorkers, type Bench } from '../lib/bench';
import { topicSize } from '../lib/catchup';
import { merge, summarize, type Latency } from '../lib/hdr';
import { liveRelations, rebuildAndWait, type Rebuilt } from '../lib/rebuilds';
import { fmt, type Row } from '../lib/report';
import type { Worker } from '../lib/worker';

interface Fresh {
  written: number;
  failed: number;
  notFound: number;
  searches: number;
  hist: string;
}

/**
 * Rebuilds of the message projections through the projectors (a new generation from offset 0,
 * swapped in when caught up) against loading the same rows with COPY and the same documents
 * with _bulk; then search freshness through the API against indexing and searching directly.
 */
export async function rebuild(b: Bench): Promise<Row[]> {
  const budgetMs = b.options.sizes.rebuild.budgetSeconds * 1000;
  await settle(b);
  const events = await topicSize(b.admin, b.config, 'messages');
  const out: Row[] = [];

  progress(`rebuild: messages + timeline (Postgres) over ${fmt.int(events)} events …`);
  const pg = await metered([b.sut.pid], [], () => rebuildAndWait(b, ['messages', 'timeline'], budgetMs));
  const pgRate = pg.result.applied / (pg.result.ms / 1000);
  progress(`  ${fmt.int(pgRate)} events/s`);
  const tables = [...(await liveRelations(b, 'messages')), ...(await liveRelations(b, 'timeline'))];
  const copy = await withWorkers('pgcopy', 1, async ([w]) => {
    const prepared = await w!.call<{ rows: Record<string, number> }>('prepare', { databaseUrl: b.config.DATABASE_URL, tables, dir: b.resultsDir }, 1_800_000);
    progress(
      `rebuild: COPY of the same rows (${Object.entries(prepared.rows)
        .map(([t, n]) => `${t} ${fmt.int(n)}`)
        .join(', ')}) …`,
    );
    const loaded = await metered([], [w!.pid], () => w!.call<{ seconds: number }>('load', {}, 1_800_000));
    await w!.call('drop');
    return { ...loaded, rows: prepared.rows };
  });
  const copyRate = events / copy.result.seconds;
  out.push({
    scenario: 'rebuild',
    figure: `Postgres: messages + timeline rebuilt over ${fmt.int(events)} events`,
    value: `${fmt.int(pgRate)} events/s (${took(pg.result, events)})`,
    baseline: `COPY same rows ${fmt.int(copyRate)} events/s (${copy.result.seconds.toFixed(1)} s)`,
    ratio: pgRate / copyRate,
    target: '≥ 0.60',
    pass: pgRate / copyRate >= 0.6,
    ...cpuOf(pg),
    data: { events, rebuild: pg.result, copy: { seconds: copy.result.seconds, rows: copy.rows, tables, ...cpuOf(copy) } },
  });

  await settle(b);
  progress(`rebuild: search-messages (Elasticsearch) over ${fmt.int(events)} events …`);
  const es = await metered([b.sut.pid], [], () => rebuildAndWait(b, ['search-messages'], budgetMs));
  const esRate = es.result.applied / (es.result.ms / 1000);
  progress(`  ${fmt.int(esRate)} events/s`);
  const target = `${b.config.GROUPCHAT_NAMESPACE}bench-rawbulk`;
  await withWorkers('esbulk', 1, async ([w]) => {
    const prepared = await w!.call<{ docs: number }>(
      'prepare',
      { elasticsearchUrl: b.config.ELASTICSEARCH_URL, alias: indexName(b.config, 'messages'), target, dir: b.resultsDir },
      1_800_000,
    );
    progress(`rebuild: _bulk of the same ${fmt.int(prepared.docs)} documents …`);
    const bulk = await metered([], [w!.pid], () =>
      w!.call<{ docs: number; seconds: number; failedRequests: number }>('load', { target, batch: 2000, concurrency: 2 }, 1_800_000),
    );
    const bulkRate = bulk.result.docs / bulk.result.seconds;
    out.push({
      scenario: 'rebuild',
      figure: `Elasticsearch: search-messages rebuilt over ${fmt.int(events)} events`,
      value: `${fmt.int(esRate)} events/s (${took(es.result, events)})`,
      baseline: `_bulk same docs ${fmt.int(bulkRate)} docs/s (${bulk.result.seconds.toFixed(1)} s)`,
      ratio: esRate / bulkRate,
      target: '≥ 0.70 (ours ÷ _bulk)',
      pass: esRate / bulkRate >= 0.7,
      ...cpuOf(es),
      data: { events, rebuild: es.result, bulk: { ...bulk.result, ...cpuOf(bulk) } },
    });
    await settle(b);
    out.push(await freshness(b, w!, target));
    await w!.call('drop', { target });
  });
  return out;
}

/** "12.3 s", or how far a rebuild got when its time budget ran out. */
function took(r: Rebuilt, events: number): string {
  const s = `${(r.ms / 1000).toFixed(1)} s`;
  return r.complete ? s : `stopped after ${s} at ${fmt.int(r.applied)} of ${fmt.int(events)}`;
}

async function freshness(b: Bench, bulkWorker: Worker, rawIndex: string): Promise<Row> {
  const { freshnessRate: rate, freshnessSeconds: seconds } = b.options.sizes.rebuild;
  const searcher = b.population.searchers[0]!;
  return withWorkers('freshness', 1, async ([w]) => {
    await w!.call('setup', {
      baseUrl: b.sut.url,
      jwtSecret: b.config.JWT_SECRET,
      tokenTtlSeconds: b.config.ACCESS_TOKEN_TTL_SECONDS,
      elasticsearchUrl: b.config.ELASTICSEARCH_URL,
      user: { userId: searcher.user.id, username: searcher.user.username, groupIds: searcher.groupIds },
    });
    const args = { rate, seconds, pollMs: 50, timeoutMs: 30_000 };
    progress(`rebuild: search freshness, ${rate} messages/s for ${seconds} s …`);
    const api = await metered([b.sut.pid], [w!.pid], () => w!.call<Fresh>('api', args));
    const raw = await metered([b.sut.pid], [w!.pid, bulkWorker.pid], () => w!.call<Fresh>('raw', { ...args, index: rawIndex }));
    await w!.call('close');
    const a = summarize(merge([api.result.hist]));
    const r = summarize(merge([raw.result.hist]));
    const pair = (l: Latency) => `${fmt.ms(l.p50)} / ${fmt.ms(l.p99)} ms`;
    const missing = api.result.notFound + api.result.failed;
    return {
      scenario: 'rebuild',
      figure: `search freshness (POST → found by search) p50 / p99, ${rate}/s`,
      value: `${pair(a)}${missing ? ` (${missing} not found)` : ''}`,
      baseline: `index + _search directly ${pair(r)}`,
      ratio: r.p99 > 0 ? a.p99 / r.p99 : null,
      target: 'p99 (ours ÷ direct)',
      pass: null,
      ...cpuOf(api),
      data: { api: { ...api.result, hist: undefined, latency: a }, direct: { ...raw.result, hist: undefined, latency: r, ...cpuOf(raw) }, pollMs: args.pollMs },
    };
  });
}
