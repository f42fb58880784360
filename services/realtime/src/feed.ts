import { HEADER_EVENT_TYPE, UnknownSchemaError, type DomainEvent, type EventOf } from '@groupchat/schemas';
import { decodeRecord, learnSchemas, partitionForKey, RecentMap, tailTopics, type Runtime, type Tail, type TailMessage as KafkaMessage } from '@groupchat/shared';
import type { Hub } from './hub';
import { fanoutLatency } from './metrics';
import { eventFrame } from './protocol';
import type { ShownEvent } from './redact';

export type MembershipEnd = EventOf<'MemberRemoved'> | EventOf<'MemberLeft'> | EventOf<'GroupDeleted'>;
export type MembershipEvent = MembershipEnd | EventOf<'MemberJoined'>;

export interface FeedHandlers {
  /** A membership began or ended (groups topic, at this partition and offset). */
  membership(event: MembershipEvent, partition: number, offset: number): void;
  /** An event of a subscribed group could not be decoded: its subscribers have a gap. */
  lost(groupId: string): void;
}
const MEMBERSHIP_TYPES = new Set(['MemberRemoved', 'MemberLeft', 'GroupDeleted', 'MemberJoined']);

/**
 * The live side: this process reads every partition of the messages topic from the end and
 * hands each event of a subscribed group to the hub, decoded and serialized once. It knows, per
 * partition, the last offset it has delivered, which is where a resuming client's replay from
 * the read model must stop. The groups topic tells it when a member's access ends.
 */
export class LiveFeed {
  private lastDelivered: number[] = [];
  /**
   * Event ids recently handed to subscribers: the same event appended twice (a send retried
   * through a second command-api instance while the first append was pending; seconds apart
   * at most) goes to subscribers once.
   */
  private readonly recent = new RecentMap<string, true>(50_000);
  private waiters: { partition: number; offset: number; resolve: () => void }[] = [];
  private tail?: Tail;

  private constructor(
    private readonly rt: Runtime,
    private readonly hub: Hub,
    private readonly handlers: FeedHandlers,
  ) {}

  static async start(rt: Runtime, hub: Hub, handlers: FeedHandlers): Promise<LiveFeed> {
    const feed = new LiveFeed(rt, hub, handlers);
    feed.tail = await tailTopics(rt.kafka, rt.config, {
      name: 'realtime',
      topics: ['messages', 'groups'],
      from: 'end',
      log: rt.log,
      onBatch: (topic, partition, messages) => (topic === 'messages' ? feed.onMessages(partition, messages) : feed.onGroups(partition, messages)),
    });
    feed.lastDelivered = feed.tail.startOffsets.get('messages')!.map((next) => next - 1);
    return feed;
  }

  get partitions(): number {
    return this.lastDelivered.length;
  }

  partitionOf(groupId: string): number {
    return partitionForKey(groupId, this.partitions);
  }

  /** The last offset of the partition this process has delivered live (-1 before any). */
  lastOffset(partition: number): number {
    return this.lastDelivered[partition] ?? -1;
  }

  /** Resolves true once the feed has delivered `offset` on the partition, false after `timeoutMs`. */
  reached(partition: number, offset: number, timeoutMs: number): Promise<boolean> {
    if (this.lastOffset(partition) >= offset) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter = { partition, offset, resolve: () => (clearTimeout(timer), resolve(true)) };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve(false);
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  private async onMessages(partition: number, messages: KafkaMessage[]) {
    for (const message of messages) {
      const offset = Number(message.offset);
      // A consumer rejoin re-reads from the last commit; those were delivered already.
      if (offset <= this.lastOffset(partition)) continue;
      const groupId = message.key?.toString();
      let json: string | undefined;
      let shown: DomainEvent | undefined;
      let occurredAt = 0;
      if (groupId && this.hub.has(groupId)) {
        const decoded = this.decode(message);
        const event = decoded instanceof Promise ? await decoded : decoded;
        if (!event) {
          this.rt.log.error({ partition, offset, groupId }, 'undecodable message event; its subscribers must resync');
          this.handlers.lost(groupId);
        } else if (!this.recent.has(event.eventId)) {
          this.recent.set(event.eventId, true);
          json = JSON.stringify(event);
          shown = event;
          occurredAt = event.occurredAt;
        }
      }
      // Recording the offset and handing the frame over happen together: a subscription that
      // begins reads `lastOffset` either before both or after both.
      this.lastDelivered[partition] = offset;
      if (groupId && json !== undefined) {
        const sent = this.hub.dispatch(groupId, offset, eventFrame(groupId, partition, offset, json), shown as ShownEvent | undefined);
        if (sent) fanoutLatency.observe(Math.max(0, Date.now() - occurredAt) / 1000);
      }
    }
    this.wake(partition);
  }

  private async onGroups(partition: number, messages: KafkaMessage[]) {
    for (const message of messages) {
      const type = message.headers?.[HEADER_EVENT_TYPE]?.toString();
      if (!type || !MEMBERSHIP_TYPES.has(type)) continue;
      const decoded = this.decode(message);
      const event = decoded instanceof Promise ? await decoded : decoded;
      if (event) this.handlers.membership(event as MembershipEvent, partition, Number(message.offset));
    }
  }

  /**
   * Decodes; only a writer schema this process has not seen (a newer producer) costs an await,
   * to learn it from the schemas topic, so the common path stays synchronous.
   */
  private decode(message: KafkaMessage): DomainEvent | undefined | Promise<DomainEvent | undefined> {
    try {
      return decodeRecord(this.rt.serde, message);
    } catch (err) {
      if (!(err instanceof UnknownSchemaError)) return undefined;
    }
    return learnSchemas(this.rt.kafka, this.rt.config, this.rt.serde)
      .then(() => decodeRecord(this.rt.serde, message))
      .catch(() => undefined);
  }

  private wake(partition: number) {
    if (!this.waiters.length) return;
    const last = this.lastOffset(partition);
    const ready = this.waiters.filter((w) => w.partition === partition && w.offset <= last);
    if (!ready.length) return;
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const w of ready) w.resolve();
  }

  async close() {
    await this.tail?.close();
  }
}
