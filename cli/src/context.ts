import { EventSerde } from '@groupchat/schemas';
import { createKafka, loadConfig, type Config } from '@groupchat/shared';
import type { Kafka } from 'kafkajs';

export class CliError extends Error {}

const LOCAL = {
  KAFKA_BROKERS: '127.0.0.1:19092',
  DATABASE_URL: 'postgres://groupchat:groupchat@127.0.0.1:15432/postgres',
  ELASTICSEARCH_URL: 'http://127.0.0.1:19200',
};

/** The CLI talks to the servers named in the environment, or to the local stack of `npm start`. */
export function cliConfig(): Config {
  return loadConfig({ ...LOCAL, LOG_LEVEL: 'silent', ...process.env });
}

export function cliKafka(config: Config): Kafka {
  // Few retries: an unreachable broker should fail in seconds with a clear line, not hang.
  return createKafka(config, `groupchat-cli-${process.pid}`, undefined, { retries: 2 });
}

export function serde(): EventSerde {
  return new EventSerde();
}

/** Turns connection failures into one actionable line. */
export function explain(err: unknown, config?: Config): string {
  const e = err as Error & { name?: string };
  if (e instanceof CliError) return e.message;
  const msg = e?.message ?? String(err);
  if (/ECONNREFUSED|Connection error|KafkaJSNumberOfRetriesExceeded|KafkaJSConnectionError|broker.*not.*available/i.test(`${e?.name} ${msg}`)) {
    return `cannot reach the Kafka broker at ${config?.KAFKA_BROKERS ?? 'KAFKA_BROKERS'}: start the stack with "npm run stack -- up" or set KAFKA_BROKERS`;
  }
  if (/ECONNREFUSED.*5432|password authentication|database .* does not exist/i.test(msg)) {
    return `cannot reach Postgres at ${config?.DATABASE_URL ?? 'DATABASE_URL'}: start the stack with "npm run stack -- up" or set DATABASE_URL`;
  }
  return msg;
}
