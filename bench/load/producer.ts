// The baseline writer: a bare kafkajs producer (acks=all, idempotent) putting MessageSent events
// on the messages topic, with no HTTP, validation or Postgres in front of it.
import { randomBytes, randomUUID } from 'node:crypto';
import { Partitioners, type Producer } from 'kafkajs';
import { EventSerde, type EventOf } from '@groupchat/schemas';
import { createKafka, EventLog, topicName, type Config } from '@groupchat/shared';
import { encode, histogram, nowMs, recordMs } from '../lib/hdr';
import { drain, openLoop } from '../lib/pace';
import { envelope, NO_THREAD, type Poster } from '../lib/population';
import { serveCalls } from '../lib/worker';
import { prng, Vocabulary } from '../lib/words';

let producer: Producer;
let eventLog: EventLog | undefined;
let kafkaConfig: Pick<Config, 'KAFKA_BROKERS' | 'GROUPCHAT_NAMESPACE'>;
let topic: string;
let posters: Poster[];
const serde = new EventSerde();
const rand = prng(7);
const vocab = new Vocabulary();
const sentences = Array.from({ length: 2000 }, () => vocab.sentence(rand));
let n = 0;
const tag = randomBytes(4).toString('hex');

function messageSent(): EventOf<'MessageSent'> {
  const p = posters[Math.floor(rand() * posters.length)]!;
  return {
    type: 'MessageSent',
    ...envelope(p.userId),
    messageId: randomUUID(),
    groupId: p.groupId,
    senderId: p.userId,
    clientMessageId: `raw-${tag}-${n}`,
    text: `t=${nowMs().toFixed(3)} ${sentences[n++ % sentences.length]}`,
    attachments: [],
    ...NO_THREAD,
  };
}

function record() {
  const event = messageSent();
  const { value, headers } = serde.encode(event);
  return { key: event.groupId, value, headers };
}

serveCalls({
  async setup({ config, posters: given }: { config: Pick<Config, 'KAFKA_BROKERS' | 'GROUPCHAT_NAMESPACE'>; posters: Poster[] }) {
    posters = given;
    kafkaConfig = config;
    topic = topicName(config, 'messages');
    producer = createKafka(config, `bench-producer-${process.pid}`).producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
      allowAutoTopicCreation: false,
    });
    await producer.connect();
    return {};
  },

  /** Batches of `batch` records, one request at a time, for `seconds`; at most `rate` records/s when given. */
  async produce({ seconds, batch, rate }: { seconds: number; batch: number; rate?: number }) {
    const started = nowMs();
    const deadline = started + seconds * 1000;
    let count = 0;
    while (nowMs() < deadline) {
      if (rate) {
        const due = started + (count / rate) * 1000;
        if (due > nowMs()) await new Promise((r) => setTimeout(r, Math.max(1, due - nowMs())));
      }
      await producer.send({ topic, acks: -1, messages: Array.from({ length: batch }, record) });
      count += batch;
    }
    return { count, seconds: (nowMs() - started) / 1000 };
  },

  /** `count` records as fast as the broker takes them, in batches of `batch`: a burst. */
  async burst({ count, batch }: { count: number; batch: number }) {
    const started = nowMs();
    for (let sent = 0; sent < count; sent += batch) {
      await producer.send({ topic, acks: -1, messages: Array.from({ length: Math.min(batch, count - sent) }, record) });
    }
    return { count, seconds: (nowMs() - started) / 1000 };
  },

  /** The shared EventLog (the command API's writer) appending one event per call at a fixed rate: the log's own latency. */
  async appendOpen({ seconds, rate }: { seconds: number; rate: number }) {
    eventLog ??= await EventLog.connect(createKafka(kafkaConfig, `bench-eventlog-${process.pid}`), kafkaConfig);
    const log = eventLog;
    const h = histogram();
    const inFlight = new Set<Promise<unknown>>();
    let ok = 0;
    let failed = 0;
    const started = nowMs();
    const { scheduled, lateMs } = await openLoop(rate, seconds, (intended) => {
      const event = messageSent();
      const p = log
        .append(event, event.groupId)
        .then(
          () => (ok++, recordMs(h, nowMs() - intended)),
          () => failed++,
        )
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
    });
    const pending = await drain(inFlight, 30_000);
    return { seconds: (nowMs() - started) / 1000, scheduled, lateMs, pending, ok, failed, hist: encode(h) };
  },

  async close() {
    await eventLog?.close();
    await producer?.disconnect();
    return {};
  },
});
