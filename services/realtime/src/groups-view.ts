import { HEADER_EVENT_TYPE, type EventOf } from '@groupchat/schemas';
import { PartitionProgress, partitionForKey, tailTopics, topicName, type Runtime, type Tail, type TailMessage } from '@groupchat/shared';
import { decodeTailed } from './decode';

export type MembershipEnd = EventOf<'MemberRemoved'> | EventOf<'MemberLeft'> | EventOf<'GroupDeleted'>;
export type MembershipEvent = MembershipEnd | EventOf<'MemberJoined'>;

const MEMBERSHIP_TYPES = new Set(['MemberRemoved', 'MemberLeft', 'GroupDeleted', 'MemberJoined']);

type Admin = ReturnType<Runtime['kafka']['admin']>;

export interface GroupsViewOptions {
  /** A membership began or ended (at this partition and offset of the groups topic). */
  onMembership(event: MembershipEvent, partition: number, offset: number): void;
  /** Awaited before each batch of the groups topic is applied: a test hook that makes this view lag. */
  gate?: () => Promise<void>;
}

/**
 * This process's reading of the groups topic (its own consumer, apart from the messages one),
 * and whether that reading covers what the log has acknowledged. The end offsets fetched after
 * a moment lie past every group event acknowledged before it; a view that has applied up to
 * them has seen every such membership change.
 */
export class GroupsView {
  private progress = new PartitionProgress([]);
  /** Partitions with a membership event this view could not read: it never claims to cover them. */
  private readonly blind = new Set<number>();
  private tail?: Tail;
  private admin?: Promise<Admin>;
  private running?: Promise<number[]>;
  private queued?: Promise<number[]>;

  private started?: Promise<void>;

  constructor(
    private readonly rt: Runtime,
    private readonly options: GroupsViewOptions,
  ) {}

  async start(): Promise<void> {
    let ready!: () => void;
    this.started = new Promise((resolve) => (ready = resolve));
    this.tail = await tailTopics(this.rt.kafka, this.rt.config, {
      name: 'realtime-groups',
      topics: ['groups'],
      from: 'end',
      log: this.rt.log,
      onBatch: (_topic, partition, messages) => this.apply(partition, messages),
    });
    this.progress = new PartitionProgress(this.tail.startOffsets.get('groups')!);
    ready();
  }

  partitionOf(groupId: string): number {
    return partitionForKey(groupId, this.progress.partitions);
  }

  /**
   * Whether this view has applied, on these partitions, every group event acknowledged before
   * the call (waiting up to `timeoutMs`), and the end offsets that question was asked against.
   * Throws when the end offsets cannot be read.
   */
  async covers(partitions: number[], timeoutMs: number): Promise<{ covered: boolean; ends: number[] }> {
    const ends = await this.ends();
    const wanted = [...new Set(partitions)];
    if (wanted.some((p) => this.blind.has(p))) return { covered: false, ends };
    const reached = await Promise.all(wanted.map((p) => this.progress.reached(p, (ends[p] ?? 0) - 1, timeoutMs)));
    return { covered: reached.every(Boolean), ends };
  }

  /**
   * The groups topic's end offsets, read by a request sent after this call: one already in
   * flight may predate an append the caller depends on, so callers meanwhile share the next.
   */
  private ends(): Promise<number[]> {
    if (this.queued) return this.queued;
    if (!this.running) return this.fetchEnds();
    this.queued = this.running
      .then(
        () => undefined,
        () => undefined,
      )
      .then(() => {
        this.queued = undefined;
        return this.fetchEnds();
      });
    return this.queued;
  }

  private fetchEnds(): Promise<number[]> {
    const fetched = this.connectedAdmin()
      .then((admin) => admin.fetchTopicOffsets(topicName(this.rt.config, 'groups')))
      .then((offsets) => {
        const ends: number[] = [];
        for (const o of offsets) ends[o.partition] = Number(o.high);
        return ends;
      })
      .catch((err: unknown) => {
        // Reconnect on the next call rather than keep a broken client.
        const admin = this.admin;
        this.admin = undefined;
        void admin?.then((a) => a.disconnect()).catch(() => undefined);
        throw err;
      })
      .finally(() => {
        if (this.running === fetched) this.running = undefined;
      });
    this.running = fetched;
    return fetched;
  }

  private connectedAdmin(): Promise<Admin> {
    if (!this.admin) {
      const admin = this.rt.kafka.admin();
      this.admin = admin.connect().then(() => admin);
    }
    return this.admin;
  }

  private async apply(partition: number, messages: TailMessage[]) {
    // A first batch may come before the start offsets are recorded.
    await this.started;
    await this.options.gate?.();
    for (const message of messages) {
      const type = message.headers?.[HEADER_EVENT_TYPE]?.toString();
      if (type && MEMBERSHIP_TYPES.has(type)) {
        const decoded = decodeTailed(this.rt, message);
        const event = decoded instanceof Promise ? await decoded : decoded;
        if (event) this.options.onMembership(event as MembershipEvent, partition, Number(message.offset));
        else {
          this.blind.add(partition);
          this.rt.log.error({ partition, offset: message.offset }, 'undecodable groups event; membership checks of its partition use the read model');
        }
      }
      this.progress.record(partition, Number(message.offset));
    }
    this.progress.wake(partition);
  }

  async close() {
    await this.tail?.close();
    await this.admin?.then((a) => a.disconnect()).catch(() => undefined);
  }
}
