import { Kafka, logLevel } from 'kafkajs';
// Before any client connects: idle connections stop spinning a 1 ms timer (see the module).
import './kafkajs-request-queue';
import type { Config } from './config';
import type { Logger } from './logger';

export function createKafka(config: Pick<Config, 'KAFKA_BROKERS'>, clientId: string, log?: Logger, { retries = 8 }: { retries?: number } = {}): Kafka {
  return new Kafka({
    clientId,
    brokers: config.KAFKA_BROKERS.split(',').map((b) => b.trim()),
    connectionTimeout: 3000,
    requestTimeout: 30000,
    retry: { initialRetryTime: 100, retries },
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, log: entry }) => {
        if (!log) return;
        const { message, ...rest } = entry;
        const fn = level <= logLevel.ERROR ? log.error.bind(log) : level === logLevel.WARN ? log.warn.bind(log) : log.debug.bind(log);
        fn({ kafka: rest }, message);
      },
  });
}
