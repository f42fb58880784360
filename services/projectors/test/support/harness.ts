import type { Kafka } from 'kafkajs';
import type { DomainEvent } from '@groupchat/schemas';
import { EventLog, createKafka, createRuntime, type AppendResult, type Config, type Runtime } from '@groupchat/shared';
import { createProjectors, aliasName, type Projection, type Projectors } from '../../src/index';
import { dropNamespaceIndices, isolatedConfig, waitUntil } from '@groupchat/test-kit';
import { aggregateOf } from './events';

export interface Harness {
  config: Config;
  kafka: Kafka;
  rt: Runtime;
  log: EventLog;
  projectors: Projectors;
  /** Appends events, each under its aggregate's key, in order. */
  given(...events: DomainEvent[]): Promise<AppendResult[]>;
  /** Waits until every live build has applied everything in the log; Elasticsearch indices are refreshed. */
  caughtUp(timeoutMs?: number): Promise<void>;
  rows<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Hits (`_source`) of a query on an alias (`groups`, `messages`, `users`). */
  search(index: string, query: object): Promise<Record<string, unknown>[]>;
  /** Stops the projectors (another process may run them meanwhile). */
  stop(): Promise<void>;
  /** Stops the projectors if running, and starts them again (with other projections if given). */
  restart(projections?: Projection[]): Promise<void>;
  close(): Promise<void>;
}

/** given(events) → then(read model), against the real servers, in a namespace of its own. */
export async function startHarness(opts: { projections?: Projection[]; config?: Config } = {}): Promise<Harness> {
  const config = opts.config ?? isolatedConfig();
  const kafka = createKafka(config, 'projectors-test');
  const log = await EventLog.connect(kafka, config);
  const rt = await createRuntime(config, 'projectors-test');
  let projections = opts.projections;
  let projectors = await createProjectors(rt, { projections });
  let running = true;
  const h: Harness = {
    config,
    kafka,
    rt,
    log,
    get projectors() {
      return projectors;
    },
    given: (...events) => log.appendMany(events.map((event) => ({ event, key: aggregateOf(event) }))),
    async caughtUp(timeoutMs = 30_000) {
      let behind: string[] = [];
      await waitUntil(
        async () => {
          behind = (await projectors.status()).filter((b) => b.status === 'live' && b.lag > 0).map((b) => `${b.name} (${b.lag})`);
          return !behind.length;
        },
        { timeoutMs, intervalMs: 100, what: 'projections to catch up' },
      ).catch((err: Error) => {
        throw new Error(`${err.message}; behind: ${behind.join(', ')}`);
      });
      await rt.es.indices.refresh({ index: aliasName(config, '*') }).catch(() => undefined);
    },
    rows: async (sql, params) => (await rt.pool.query(sql, params)).rows,
    async search(index, query) {
      const res = await rt.es.search({ index: aliasName(config, index), query, size: 100 });
      return res.hits.hits.map((h) => h._source as Record<string, unknown>);
    },
    async stop() {
      if (running) await projectors.close();
      running = false;
    },
    async restart(next) {
      await h.stop();
      projections = next ?? projections;
      projectors = await createProjectors(rt, { projections });
      running = true;
    },
    async close() {
      await h.stop();
      await log.close();
      await rt.close();
      await dropNamespaceIndices(config);
    },
  };
  return h;
}
