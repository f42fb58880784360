import type { Kafka } from 'kafkajs';
import { EventSerde } from '@groupchat/schemas';
import type { Config } from './config';
import { createPool, ensureDatabase, type Pool } from './db';
import { createEs, type EsClient } from './elasticsearch';
import { createKafka } from './kafka-client';
import { ensureTopics } from './topics';
import { createLogger, type Logger } from './logger';

/** The connections one process shares between the services it runs. */
export interface Runtime {
  config: Config;
  log: Logger;
  kafka: Kafka;
  pool: Pool;
  es: EsClient;
  serde: EventSerde;
  readiness(): Promise<Record<string, { ok: boolean; error?: string }>>;
  close(): Promise<void>;
}

export async function createRuntime(config: Config, name = 'groupchat'): Promise<Runtime> {
  const log = createLogger(config.LOG_LEVEL, name, config.LOG_FILE);
  await ensureDatabase(config.DATABASE_URL);
  const kafka = createKafka(config, `${name}-${process.pid}`, log);
  const admin = kafka.admin();
  await admin.connect();
  await ensureTopics(admin, config);
  const pool = createPool(config);
  const es = createEs(config);
  const check = async (fn: () => Promise<unknown>) => {
    try {
      await withTimeout(fn(), 2000);
      return { ok: true };
    } catch (err) {
      return { ok: false, error: (err as Error).message };
    }
  };
  return {
    config,
    log,
    kafka,
    pool,
    es,
    serde: new EventSerde(),
    async readiness() {
      const [kafkaOk, postgres, elasticsearch] = await Promise.all([
        check(() => admin.describeCluster()),
        check(() => pool.query('SELECT 1')),
        check(() => es.ping()),
      ]);
      return { kafka: kafkaOk, postgres, elasticsearch };
    },
    async close() {
      await Promise.allSettled([admin.disconnect(), pool.end(), es.close()]);
    },
  };
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    p.then(
      (v) => (clearTimeout(t), resolve(v)),
      (e) => (clearTimeout(t), reject(e)),
    );
  });
}
