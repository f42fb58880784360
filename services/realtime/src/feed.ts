import type { DomainEvent } from '@groupchat/schemas';
import { PartitionProgress, partitionForKey, RecentMap, tailTopics, type Runtime, type Tail, type TailMessage as KafkaMessage } from '@groupchat/shared';
import { decodeTailed } from './decode';
import type { Hub } from './hub';
import { fanoutLatency } from './metrics';
import { eventFrame } from './protocol';
import type { ShownEvent } from './redact';

export interface FeedHandlers {
  /**
   * Resolves once the events of these followed groups may go to their current subscribers:
   * every membership change acknowledged before the events were appended has been applied.
   */
  cleared(groupIds: string[]): Promise<void>;
  /** An event of a subscribed group could not be decoded: its subscribers have a gap. */
  lost(groupId: string): void;
  /** Every record, subscribed or not, by its group: what unread counts follow. */
  landed(groupId: string, partition: number, offset: number): void;
}

/**
 * The live side: this process reads every partition of the messages topic from the end and
 * hands each event of a subscribed group to the hub, decoded and serialized once. It knows, per
 * partition, the last offset it has delivered, which is where a resuming client's replay from
 * the read model must stop.
 */
export class LiveFeed {
  private delivered = new PartitionProgress([]);
  /**
   * Event ids recently handed to subscribers: the same event appended twice (a send retried
   * through a second command-api instance while the first append was pending; seconds apart
   * at most) goes to subscribers once.
   */
  private readonly recent = new RecentMap<string, true>(50_000);
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
      topics: ['messages'],
      from: 'end',
      log: rt.log,
      // Every batch of a fetch waits for the same clearance (one read of the groups topic's end
      // offsets, then the groups view): taken together, one wait serves them all, instead of one
      // round trip per partition, one after the other.
      concurrency: 64,
      onBatch: (_topic, partition, messages) => feed.onMessages(partition, messages),
    });
    feed.delivered = new PartitionProgress(feed.tail.startOffsets.get('messages')!);
    return feed;
  }

  get partitions(): number {
    return this.delivered.partitions;
  }

  partitionOf(groupId: string): number {
    return partitionForKey(groupId, this.partitions);
  }

  /** The last offset of the partition this process has delivered live (-1 before any). */
  lastOffset(partition: number): number {
    return this.delivered.at(partition);
  }

  /** Resolves true once the feed has delivered `offset` on the partition, false after `timeoutMs`. */
  reached(partition: number, offset: number, timeoutMs: number): Promise<boolean> {
    return this.delivered.reached(partition, offset, timeoutMs);
  }

  private async onMessages(partition: number, messages: KafkaMessage[]) {
    const followed = new Set<string>();
    for (const message of messages) {
      const groupId = message.key?.toString();
      if (groupId && Number(message.offset) > this.lastOffset(partition) && this.hub.has(groupId)) followed.add(groupId);
    }
    if (followed.size) await this.handlers.cleared([...followed]);
    for (const message of messages) {
      const offset = Number(message.offset);
      // A consumer rejoin re-reads from the last commit; those were delivered already.
      if (offset <= this.lastOffset(partition)) continue;
      const groupId = message.key?.toString();
      let json: string | undefined;
      let shown: DomainEvent | undefined;
      let occurredAt = 0;
      if (groupId && this.hub.has(groupId)) {
        const decoded = decodeTailed(this.rt, message);
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
      this.delivered.record(partition, offset);
      if (groupId) this.handlers.landed(groupId, partition, offset);
      if (groupId && json !== undefined) {
        const sent = this.hub.dispatch(groupId, offset, eventFrame(groupId, partition, offset, json), shown as ShownEvent | undefined);
        if (sent) fanoutLatency.observe(Math.max(0, Date.now() - occurredAt) / 1000);
      }
    }
    this.delivered.wake(partition);
  }

  async close() {
    await this.tail?.close();
  }
}
