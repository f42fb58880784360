import { UnknownSchemaError, type DomainEvent } from '@groupchat/schemas';
import { AppError } from './errors';
import { GroupsFold } from './groups-fold';
import { decodeRecord, learnSchemas } from './event-codec';
import { topicName } from './topics';
import { PartitionProgress } from './partition-progress';
import type { Position } from './position';
import type { Runtime } from './runtime';
import { tailTopics, type Tail, type TailMessage } from './tail';

/**
 * This process's own fold of the whole groups topic, read from its first offset: the group
 * facts commands are decided on, without a database round trip. It honours positions like a
 * read model does: `reach` waits, bounded, until the fold has applied a given groups-topic
 * offset. Until it has applied everything the log held when it started, it answers nothing.
 */
export class GroupView {
  readonly fold = new GroupsFold();
  private progress = new PartitionProgress([]);
  /** Partitions holding a record this view could not decode: it never claims to have reached them. */
  private readonly blind = new Set<number>();
  /** The end offsets when the view started: everything before them is applied before any answer. */
  private readonly startEnds: number[] = [];
  private caughtUp = false;
  private started?: Promise<void>;
  private tail?: Tail;

  private constructor(private readonly rt: Runtime) {}

  static async start(rt: Runtime, name: string): Promise<GroupView> {
    const view = new GroupView(rt);
    let ready!: () => void;
    view.started = new Promise((resolve) => (ready = resolve));
    const admin = rt.kafka.admin();
    await admin.connect();
    try {
      for (const o of await admin.fetchTopicOffsets(topicName(rt.config, 'groups'))) view.startEnds[o.partition] = Number(o.high);
    } finally {
      await admin.disconnect();
    }
    view.tail = await tailTopics(rt.kafka, rt.config, {
      name,
      topics: ['groups'],
      from: { timestamp: 0 },
      log: rt.log,
      onBatch: (_topic, partition, messages) => view.apply(partition, messages),
    });
    view.progress = new PartitionProgress(view.tail.startOffsets.get('groups')!);
    ready();
    return view;
  }

  /**
   * Waits until this view has applied everything the log held when it started and every given
   * groups-topic position; 503 (retriable) past `timeoutMs`.
   */
  async reach(positions: Position[], timeoutMs: number): Promise<void> {
    const wanted: [number, number][] = positions.filter((p) => p.topic === 'groups').map((p) => [p.partition, Number(p.offset)]);
    if (!this.caughtUp) wanted.push(...this.startEnds.map((end, p): [number, number] => [p, end - 1]));
    const behind = wanted.filter(([p, offset]) => this.blind.has(p) || this.progress.at(p) < offset);
    if (!behind.length) return this.markCaughtUp();
    const reached = await Promise.all(behind.map(([p, offset]) => (this.blind.has(p) ? false : this.progress.reached(p, offset, timeoutMs))));
    if (!reached.every(Boolean)) {
      throw new AppError(503, 'read_model_behind', `the groups view has not reached the caller's position within ${timeoutMs} ms; retry shortly`, {}, true);
    }
    this.markCaughtUp();
  }

  async close(): Promise<void> {
    await this.tail?.close();
  }

  private markCaughtUp() {
    this.caughtUp ||= this.startEnds.every((end, p) => this.progress.at(p) >= end - 1);
  }

  private async apply(partition: number, messages: TailMessage[]): Promise<void> {
    // A first batch may come before the start offsets are recorded.
    await this.started;
    for (const message of messages) {
      const offset = Number(message.offset);
      if (offset <= this.progress.at(partition)) continue;
      const decoded = this.decode(message);
      const event = decoded instanceof Promise ? await decoded : decoded;
      if (event) this.fold.apply(event);
      else if (!this.blind.has(partition)) {
        this.blind.add(partition);
        this.rt.log.error({ partition, offset: message.offset }, 'undecodable groups event; commands on groups of its partition answer 503');
      }
      this.progress.record(partition, offset);
    }
    this.progress.wake(partition);
  }

  /** Synchronous but for a writer schema this process has not seen yet (a newer producer). */
  private decode(message: TailMessage): DomainEvent | undefined | Promise<DomainEvent | undefined> {
    try {
      return decodeRecord(this.rt.serde, message);
    } catch (err) {
      if (!(err instanceof UnknownSchemaError)) return undefined;
    }
    return learnSchemas(this.rt.kafka, this.rt.config, this.rt.serde)
      .then(() => decodeRecord(this.rt.serde, message))
      .catch(() => undefined);
  }
}
