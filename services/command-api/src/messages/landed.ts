import { HEADER_EVENT_TYPE } from '@groupchat/schemas';
import { AppError, decodeRecord, tailTopics, topicName, type Runtime, type Tail, type TailMessage } from '@groupchat/shared';
import type { SendLedger } from './ledger';

/** How far back a process starting up reads the messages it may be asked to send again. */
const LOOK_BACK_MS = 10 * 60_000;

/**
 * Follows the messages topic and enters every MessageSent into the ledger, so a retry that
 * reaches this process after another one appended the message (and died before answering,
 * or lives on another instance) answers where it first landed instead of appending it again.
 * At start it reads the last LOOK_BACK_MS; sends wait until it has read what the log held then.
 */
export class LandedSends {
  private caughtUp = false;
  private waiting: (() => void)[] = [];
  private remaining = new Map<number, number>();
  private tail?: Tail;

  private constructor(
    private readonly rt: Runtime,
    private readonly ledger: SendLedger,
  ) {}

  static async start(rt: Runtime, ledger: SendLedger): Promise<LandedSends> {
    const landed = new LandedSends(rt, ledger);
    const admin = rt.kafka.admin();
    await admin.connect();
    try {
      for (const o of await admin.fetchTopicOffsets(topicName(rt.config, 'messages'))) landed.remaining.set(o.partition, Number(o.high) - 1);
    } finally {
      await admin.disconnect();
    }
    landed.tail = await tailTopics(rt.kafka, rt.config, {
      name: 'command-api-sent',
      topics: ['messages'],
      from: { timestamp: Date.now() - LOOK_BACK_MS },
      log: rt.log,
      onBatch: (_topic, partition, messages) => landed.apply(partition, messages),
    });
    landed.tail.startOffsets.get('messages')!.forEach((start, p) => landed.passed(p, start - 1));
    return landed;
  }

  /** Resolves once everything the log held at start has been read; 503 (retriable) past `timeoutMs`. */
  async ready(timeoutMs: number): Promise<void> {
    if (this.caughtUp) return;
    let timer: NodeJS.Timeout | undefined;
    const read = new Promise<boolean>((resolve) => {
      this.waiting.push(() => resolve(true));
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const ok = await read.finally(() => clearTimeout(timer));
    if (!ok) throw new AppError(503, 'read_model_behind', `this instance has not read the recent messages within ${timeoutMs} ms; retry shortly`, {}, true);
  }

  close(): Promise<void> {
    return this.tail?.close() ?? Promise.resolve();
  }

  private apply(partition: number, messages: TailMessage[]) {
    for (const message of messages) {
      if (message.headers?.[HEADER_EVENT_TYPE]?.toString() !== 'MessageSent') continue;
      try {
        const event = decodeRecord(this.rt.serde, message);
        if (event.type === 'MessageSent') this.ledger.landed(event.messageId, { topic: 'messages', partition, offset: BigInt(message.offset) });
      } catch {
        // Undecodable here (a writer schema not learnt yet): a retry of it appends again, and readers skip the twin.
      }
    }
    const last = messages.at(-1);
    if (last) this.passed(partition, Number(last.offset));
  }

  private passed(partition: number, offset: number) {
    if (this.caughtUp || (this.remaining.get(partition) ?? -1) > offset) return;
    this.remaining.delete(partition);
    if (this.remaining.size) return;
    this.caughtUp = true;
    for (const w of this.waiting) w();
    this.waiting = [];
  }
}
