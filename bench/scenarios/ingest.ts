import { cpuOf, metered, progress, settle, split, withWorkers, type Bench, type Metered } from '../lib/bench';
import { merge, summarize } from '../lib/hdr';
import type { Outcome } from '../lib/http';
import { postersOf } from '../lib/population';
import { fmt, type Row } from '../lib/report';

/** The projectors' acceptance figure: lag back to zero within 2 s after a burst of 10,000 messages. */
const BURST = 10_000;

/** Load generator CPU per accepted message, in ms: what the client side costs. */
const loadMsPer = (m: Metered<unknown>, count: number) => (count > 0 ? (m.loadCpu * m.ms) / count : null);

function sum<T>(xs: T[], f: (x: T) => number): number {
  return xs.reduce((n, x) => n + f(x), 0);
}

/**
 * Messages accepted (202) by the command API, many concurrent keep-alive senders in two
 * processes, against a bare kafkajs producer writing the same events to the same broker; then
 * command latency at a fixed rate, against the shared EventLog's own append latency. Then the
 * fewer-requests paths (batched HTTP, WebSocket send frames) against the same producer, and
 * single-message HTTP against a bare HTTP append server driven by the same senders.
 */
export async function ingest(b: Bench): Promise<Row[]> {
  const s = b.options.sizes.ingest;
  const posters = postersOf(b.population.groups);
  const kafkaConfig = { KAFKA_BROKERS: b.config.KAFKA_BROKERS, GROUPCHAT_NAMESPACE: b.config.GROUPCHAT_NAMESPACE };
  await settle(b);

  progress(`ingest: raw kafkajs producer for ${s.seconds} s (batches of ${s.rawBatch}) …`);
  const raw = await withWorkers('producer', 1, async ([p]) => {
    await p!.call('setup', { config: kafkaConfig, posters });
    const produced = await metered([b.sut.pid], [p!.pid], () =>
      p!.call<{ count: number; seconds: number }>('produce', { seconds: s.seconds, batch: s.rawBatch }),
    );
    await settle(b);
    progress(`projections: a burst of ${fmt.int(BURST)} messages, then the time until every live projection has applied it …`);
    const burst = await metered([b.sut.pid], [p!.pid], async () => {
      const appended = await p!.call<{ count: number; seconds: number }>('burst', { count: BURST, batch: s.rawBatch });
      return { appended, lagMs: await settle(b) };
    });
    progress(`ingest: EventLog.append at ${s.fixedRate}/s for ${s.fixedSeconds} s …`);
    const appended = await metered([b.sut.pid], [p!.pid], () => p!.call<Outcome>('appendOpen', { seconds: s.fixedSeconds, rate: s.fixedRate }));
    await p!.call('close');
    return { produced, appended, burst };
  });
  const rawRate = raw.produced.result.count / raw.produced.result.seconds;
  await settle(b);

  return withWorkers('senders', s.senders, async (senders) => {
    await Promise.all(
      senders.map((w, i) =>
        w.call('setup', {
          target: 'ours',
          baseUrl: b.sut.url,
          posters,
          jwtSecret: b.config.JWT_SECRET,
          tokenTtlSeconds: b.config.ACCESS_TOKEN_TTL_SECONDS,
          maxSockets: s.concurrencyPerSender,
          seed: 100 + i,
        }),
      ),
    );
    const pids = senders.map((w) => w.pid);
    progress(`ingest: ${s.senders} × ${s.concurrencyPerSender} concurrent senders for ${s.seconds} s …`);
    const closed = await metered([b.sut.pid], pids, () =>
      Promise.all(senders.map((w) => w.call<Outcome>('closed', { seconds: s.seconds, concurrency: s.concurrencyPerSender }))),
    );
    const accepted = sum(closed.result, (r) => r.ok);
    const window = Math.max(...closed.result.map((r) => r.seconds));
    const oursRate = accepted / window;
    const closedLatency = summarize(merge(closed.result.map((r) => r.hist!)));
    const backlog = await settle(b);

    progress(`ingest: fixed ${s.fixedRate} commands/s for ${s.fixedSeconds} s (open loop) …`);
    const fixed = await metered([b.sut.pid], pids, () =>
      Promise.all(senders.map((w) => w.call<Outcome>('open', { seconds: s.fixedSeconds, rate: s.fixedRate / senders.length }))),
    );
    const lat = summarize(merge(fixed.result.map((r) => r.hist!)));
    const rawLat = summarize(merge([raw.appended.result.hist!]));
    const fixedFailed = sum(fixed.result, (r) => r.failed + (r.pending ?? 0));
    const ratio = rawRate > 0 ? oursRate / rawRate : null;
    const { appended: burstAppended, lagMs } = raw.burst.result;
    await settle(b);

    progress(`ingest: ${s.senders} × ${s.batchConcurrencyPerSender} senders of POST /messages/batch (${s.batch} per request) for ${s.seconds} s …`);
    const batched = await metered([b.sut.pid], pids, () =>
      Promise.all(senders.map((w) => w.call<Outcome>('batchedOurs', { seconds: s.seconds, concurrency: s.batchConcurrencyPerSender, batch: s.batch }))),
    );
    const batchedOk = sum(batched.result, (r) => r.ok);
    const batchedRate = batchedOk / Math.max(...batched.result.map((r) => r.seconds));
    await settle(b);

    // One member per group, so the sends spread over the groups and partitions like the HTTP ones.
    const wsPosters = split(posters.filter((_, i) => i % 20 === 0).slice(0, s.senders * s.wsSocketsPerSender), s.senders);
    progress(`ingest: ${s.senders} × ${s.wsSocketsPerSender} sockets sending frames, ${s.wsWindow} in flight each, for ${s.seconds} s …`);
    const ws = await withWorkers('ws-senders', wsPosters.length, async (wsWorkers) => {
      await Promise.all(
        wsWorkers.map((w, i) =>
          w.call('setup', { url: b.sut.wsUrl, posters: wsPosters[i], jwtSecret: b.config.JWT_SECRET, tokenTtlSeconds: b.config.ACCESS_TOKEN_TTL_SECONDS }),
        ),
      );
      return metered(
        [b.sut.pid],
        wsWorkers.map((w) => w.pid),
        () => Promise.all(wsWorkers.map((w) => w.call<Outcome>('closed', { seconds: s.seconds, sockets: s.wsSocketsPerSender, window: s.wsWindow }))),
      );
    });
    const wsOk = sum(ws.result, (r) => r.ok);
    const wsRate = wsOk / Math.max(...ws.result.map((r) => r.seconds));
    await settle(b);

    progress(`ingest: the same ${s.senders} × ${s.concurrencyPerSender} senders against a bare HTTP append server for ${s.seconds} s …`);
    const bare = await withWorkers('bare-append', 1, async ([server]) => {
      const { url } = await server!.call<{ url: string }>('start', { config: { ...kafkaConfig, JWT_SECRET: b.config.JWT_SECRET } });
      await Promise.all(
        senders.map((w, i) =>
          w.call('setup', {
            target: 'ours',
            baseUrl: url,
            posters,
            jwtSecret: b.config.JWT_SECRET,
            tokenTtlSeconds: b.config.ACCESS_TOKEN_TTL_SECONDS,
            maxSockets: s.concurrencyPerSender,
            seed: 200 + i,
          }),
        ),
      );
      const run = await metered([server!.pid], pids, () =>
        Promise.all(senders.map((w) => w.call<Outcome>('closed', { seconds: s.seconds, concurrency: s.concurrencyPerSender }))),
      );
      await server!.call('stop');
      return run;
    });
    const bareOk = sum(bare.result, (r) => r.ok);
    const bareRate = bareOk / Math.max(...bare.result.map((r) => r.seconds));
    await settle(b);
    const vsRaw = (rate: number) => (rawRate > 0 ? rate / rawRate : null);
    const latencyOf = (m: Metered<Outcome[]>) => summarize(merge(m.result.map((r) => r.hist!)));

    return [
      {
        scenario: 'projections',
        figure: `lag back to 0 after a burst of ${fmt.int(BURST)} messages (every live projection, Postgres and Elasticsearch; polled every 200 ms)`,
        value: `${fmt.int(lagMs)} ms`,
        baseline: `burst appended in ${fmt.int(burstAppended.seconds * 1000)} ms`,
        ratio: null,
        target: '≤ 1,000 ms',
        pass: lagMs <= 1000,
        ...cpuOf(raw.burst),
        data: { burst: burstAppended, lagMs },
      },
      {
        scenario: 'ingest',
        figure: `messages accepted (202), ${s.senders}×${s.concurrencyPerSender} senders`,
        value: `${fmt.int(oursRate)} msg/s`,
        baseline: `raw kafkajs producer ${fmt.int(rawRate)} msg/s`,
        ratio,
        target: '≥ 0.50',
        pass: ratio !== null && ratio >= 0.5,
        ...cpuOf(closed),
        data: {
          accepted,
          seconds: window,
          failed: sum(closed.result, (r) => r.failed),
          statuses: closed.result.map((r) => r.statuses),
          samples: closed.result.map((r) => r.samples),
          latencyUnderSaturation: closedLatency,
          raw: { ...raw.produced.result, ...cpuOf(raw.produced) },
          projectionCatchUpMs: backlog,
        },
      },
      {
        scenario: 'ingest',
        figure: `batched HTTP sends accepted (POST /messages/batch, ${s.batch} per request), ${s.senders}×${s.batchConcurrencyPerSender} senders`,
        value: `${fmt.int(batchedRate)} msg/s`,
        baseline: `raw kafkajs producer ${fmt.int(rawRate)} msg/s`,
        ratio: vsRaw(batchedRate),
        target: '≥ 0.50',
        pass: (vsRaw(batchedRate) ?? 0) >= 0.5,
        ...cpuOf(batched),
        data: {
          accepted: batchedOk,
          failed: sum(batched.result, (r) => r.failed),
          statuses: batched.result.map((r) => r.statuses),
          samples: batched.result.map((r) => r.samples),
          requestLatency: latencyOf(batched),
          loadCpuMsPerMessage: loadMsPer(batched, batchedOk),
        },
      },
      {
        scenario: 'ingest',
        figure: `WebSocket sends acked (send frames), ${s.senders}×${s.wsSocketsPerSender} sockets, ${s.wsWindow} in flight each`,
        value: `${fmt.int(wsRate)} msg/s`,
        baseline: `raw kafkajs producer ${fmt.int(rawRate)} msg/s`,
        ratio: vsRaw(wsRate),
        target: '≥ 0.50',
        pass: (vsRaw(wsRate) ?? 0) >= 0.5,
        ...cpuOf(ws),
        data: {
          acked: wsOk,
          failed: sum(ws.result, (r) => r.failed),
          statuses: ws.result.map((r) => r.statuses),
          ackLatency: latencyOf(ws),
          loadCpuMsPerMessage: loadMsPer(ws, wsOk),
        },
      },
      {
        scenario: 'ingest',
        figure: `single-message HTTP sends accepted (202), ${s.senders}×${s.concurrencyPerSender} senders, against a bare HTTP append server`,
        value: `${fmt.int(oursRate)} msg/s`,
        baseline: `node:http + JWT + EventLog.append ${fmt.int(bareRate)} msg/s`,
        ratio: bareRate > 0 ? oursRate / bareRate : null,
        target: '≥ 0.50',
        pass: bareRate > 0 && oursRate / bareRate >= 0.5,
        ...cpuOf(closed),
        data: {
          bare: {
            accepted: bareOk,
            statuses: bare.result.map((r) => r.statuses),
            latency: latencyOf(bare),
            ...cpuOf(bare),
            loadCpuMsPerMessage: loadMsPer(bare, bareOk),
          },
          loadCpuMsPerMessage: loadMsPer(closed, accepted),
        },
      },
      {
        scenario: 'ingest',
        figure: `command latency at ${fmt.int(s.fixedRate)}/s, p50 / p99`,
        value: `${fmt.ms(lat.p50)} / ${fmt.ms(lat.p99)} ms${fixedFailed ? ` (${fmt.int(fixedFailed)} failed)` : ''}`,
        baseline: `EventLog.append ${fmt.ms(rawLat.p50)} / ${fmt.ms(rawLat.p99)} ms`,
        ratio: rawLat.p99 > 0 ? lat.p99 / rawLat.p99 : null,
        target: 'p99 (ours ÷ log)',
        pass: null,
        ...cpuOf(fixed),
        data: {
          latency: lat,
          failed: fixedFailed,
          statuses: fixed.result.map((r) => r.statuses),
          worstSchedulingLateMs: Math.max(...fixed.result.map((r) => r.lateMs ?? 0)),
          baseline: { latency: rawLat, ...raw.appended.result, hist: undefined },
        },
      },
    ];
  });
}
