import { randomUUID } from 'node:crypto';
import { decodeRecord, formatPosition, topicName } from '@groupchat/shared';
import { cliConfig, cliKafka, serde } from '../context';
import { matches, parseFilter } from './filter';
import { formatter } from './format';
import { parseTopics } from './range';

export interface TailOptions {
  topic?: string;
  type?: string;
  group?: string;
  format: string;
  /** Stop after this many matching events (for scripts and tests). */
  limit?: number;
}

/** Follows the log from now on, printing matching events as they arrive, until Ctrl-C or --limit. */
export async function tailEvents(opts: TailOptions, signal?: AbortSignal): Promise<number> {
  const config = cliConfig();
  const topics = parseTopics(opts.topic);
  const filter = parseFilter(opts.type, opts.group);
  const codec = serde();
  const fmt = formatter(opts.format === 'csv' ? 'csv' : 'jsonl');
  const consumer = cliKafka(config).consumer({ groupId: `${config.GROUPCHAT_NAMESPACE}cli-tail-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topics: topics.map((t) => topicName(config, t)), fromBeginning: false });
  let shown = 0;
  if (fmt.header) process.stdout.write(fmt.header);
  await new Promise<void>((resolve, reject) => {
    const stop = () => resolve();
    signal?.addEventListener('abort', stop);
    process.once('SIGINT', stop);
    consumer
      .run({
        autoCommit: false,
        eachMessage: async ({ topic, partition, message }) => {
          const logical = topics.find((t) => topicName(config, t) === topic)!;
          const event = decodeRecord(codec, message);
          const offset = BigInt(message.offset);
          const record = {
            topic: logical,
            partition,
            offset,
            position: formatPosition({ topic: logical, partition, offset }),
            timestamp: Number(message.timestamp),
            key: message.key?.toString() ?? null,
            event,
          };
          if (!matches(filter, record)) return;
          process.stdout.write(fmt.line(record));
          shown++;
          if (opts.limit && shown >= opts.limit) resolve();
        },
      })
      .catch(reject);
  });
  await consumer.disconnect();
  return shown;
}
