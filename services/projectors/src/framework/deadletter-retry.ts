import type { Kafka, KafkaMessage } from 'kafkajs';
import { logicalTopic, withTransaction, type Config } from '@groupchat/shared';
import { listDeadLetters } from './deadletters';
import type { ElasticsearchProcessor } from './elasticsearch-processor';
import { PostgresProcessor } from './postgres-processor';
import { listBuilds } from './registry';
import type { Supervisor } from './supervisor';
import type { Envelope } from './types';

export type RetryOutcome = 'applied' | 'already-applied';

/**
 * Applies a dead-lettered event again to the live build of its projection (after the handler
 * or the data was fixed). It runs out of log order, after events that came later; the retry
 * is recorded with the writes, so retrying twice applies once.
 */
export async function retryDeadLetter(s: Supervisor, kafka: Kafka, config: Config, deadletterOffset: number): Promise<RetryOutcome> {
  const [letter] = (await listDeadLetters(kafka, config, { fromOffset: deadletterOffset })).filter((l) => l.offset === deadletterOffset);
  if (!letter) throw new Error(`no dead letter at offset ${deadletterOffset}`);
  const p = s.projection(letter.projection);
  const live = (await listBuilds(s.pool, p.name)).find((r) => r.status === 'live');
  if (!live) throw new Error(`projection ${p.name} has no live build`);
  const topic = logicalTopic(config, letter.topic);
  if (!topic) throw new Error(`dead letter ${deadletterOffset} comes from unknown topic ${letter.topic}`);
  const message = {
    key: letter.key ? Buffer.from(letter.key) : null,
    value: letter.value,
    headers: letter.headers,
    offset: String(letter.originalOffset),
    timestamp: '0',
    attributes: 0,
  } as KafkaMessage;
  const event = await s.decoder.decode(message);
  const envelope: Envelope = { event, topic, partition: letter.partition, offset: letter.originalOffset, key: letter.key };
  const processor = s.createProcessor(p, live);
  const record = `INSERT INTO projection_deadletter_retries (deadletter_offset, projection, version, generation) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`;
  const params = [deadletterOffset, p.name, live.version, live.generation];
  if (processor instanceof PostgresProcessor) {
    return withTransaction(s.pool, async (client) => {
      if (!(await client.query(record, params)).rowCount) return 'already-applied';
      await processor.apply([envelope], processor.context(client));
      return 'applied';
    });
  }
  if ((await s.pool.query(`SELECT 1 FROM projection_deadletter_retries WHERE deadletter_offset = $1 AND projection = $2`, [deadletterOffset, p.name])).rowCount)
    return 'already-applied';
  await (processor as ElasticsearchProcessor).apply([envelope]);
  await s.pool.query(record, params);
  return 'applied';
}
