import type { Admin, Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { logicalTopic, topicName, type Config, type LogicalTopic, type Logger, type Pool } from '@groupchat/shared';
import { checkpointsOf } from './checkpoints';
import { advance, beating, kafkaStarts, projectionConsumer, rawBatch } from './consumer';
import type { Decoder } from './decode';
import { handledTypes } from './define';
import { BuildRetired, Stopping, describe } from './errors';
import { buildLabel } from './naming';
import { decodeBatch, type Part, type Processor, type RawBatch } from './processor';
import { partitionKey } from './status';
import type { Build, Projection } from './types';

/** A live build fed by the shared reader. */
export interface Member {
  build: Build;
  projection: Projection;
  processor: Processor;
  onProgress(topic: string, partition: number, nextOffset: number, highWatermark: number, applied: number): void;
  /** The build was retired under us (by a swap, maybe in another process). */
  onRetired(): void;
  /** The member left because a dependency of its storage failed: it must read on its own until it can rejoin. */
  onStalled(): void;
}

/** A batch waiting for the others of its fetch. */
interface Waiting {
  batch: RawBatch;
  high: number;
  heartbeat(): Promise<void>;
  resolve(next: number): void;
  reject(err: unknown): void;
}

interface Joined extends Member {
  abort: AbortController;
  topics: Set<string>;
  types: Set<string>;
  inflight: Set<Promise<unknown>>;
}

export interface SharedReaderOptions {
  kafka: Kafka;
  admin: Admin;
  pool: Pool;
  config: Config;
  log: Logger;
  decoder: Decoder;
  groupId: string;
  /** Every topic a declared projection reads: the subscription cannot change while running. */
  topics: LogicalTopic[];
  /** At least the partitions of those topics, so that all the batches of a fetch are in hand at once. */
  concurrency: number;
  /** How long a member may hold the others back over one fetch before it leaves to read alone (default STALL_MS). */
  stallMs?: number;
}

const SLOW_BATCH_MS = 5_000;
/**
 * A member still applying one fetch this long after another member of the turn has finished
 * (and not failing on its records) leaves the shared reader and reads on its own: the turn
 * waits for its slowest member, and the read-your-writes bound (5 s) must hold for the others.
 * Far above a healthy batch; a member that leaves wrongly only reads alone a while. When every
 * member is slow alike (a busy machine, a large backlog) nobody is held back, and nobody leaves:
 * reading alone would only multiply the fetching and decoding.
 */
const STALL_MS = 2_000;

/**
 * One consumer for every live build of the process: each record is fetched and decoded once
 * and handed to every member reading its topic. Each member keeps its own checkpoint and skips
 * what it has applied; the reader's position is the lowest next offset of its members, so a
 * member that joins behind pulls the partition back once, and Kafka's committed offsets stay
 * informational.
 */
export class SharedReader {
  private readonly members = new Map<string, Joined>();
  private consumer?: Consumer;
  private starting?: Promise<void>;
  private readonly abort = new AbortController();
  private joined: Promise<void> = Promise.resolve();
  private stopped?: Promise<void>;
  private gathering?: Waiting[];
  /** Partitions assigned at the last join (namespaced topic → partitions). */
  private assignment: Record<string, number[]> = {};
  /** Where the consumer reads each partition next (`topic/partition` of the namespaced topics), as far as it has gone. */
  private readonly positions = new Map<string, number>();
  /** Batches past the join barrier and not yet advanced. */
  private readonly handling = new Set<Promise<void>>();
  /** The application of the latest turn, still running while the next fetch is read and decoded; never rejects. */
  private applying: Promise<void> = Promise.resolve();

  constructor(private readonly o: SharedReaderOptions) {}

  get size(): number {
    return this.members.size;
  }

  add(m: Member): void {
    const label = buildLabel(m.build);
    if (this.members.has(label) || this.abort.signal.aborted) return;
    const joined: Joined = { ...m, abort: new AbortController(), topics: new Set(m.projection.topics), types: handledTypes(m.projection), inflight: new Set() };
    this.members.set(label, joined);
    // A member joining a running reader may be behind where it has read to (a build promoted while
    // the one it replaces still read the records after its checkpoint): those partitions are read again.
    if (this.starting) this.joined = this.rewindFor(joined, this.joined);
  }

  /** Takes a member out; resolves once the batch it has in hand is done (or rolled back). */
  async remove(b: Build): Promise<void> {
    const m = this.members.get(buildLabel(b));
    if (!m) return;
    this.members.delete(buildLabel(b));
    m.abort.abort();
    await Promise.allSettled([...m.inflight]);
  }

  /** Starts consuming once there is a member; idempotent. */
  start(): Promise<void> {
    if (!this.members.size || this.abort.signal.aborted) return Promise.resolve();
    this.starting ??= this.run();
    return this.starting;
  }

  stop(): Promise<void> {
    this.abort.abort();
    for (const m of this.members.values()) m.abort.abort();
    this.stopped ??= (async () => {
      await this.starting?.catch(() => undefined);
      await this.consumer?.disconnect().catch(() => undefined);
      await Promise.allSettled([...this.members.values()].flatMap((m) => [...m.inflight]));
      await this.applying;
    })();
    return this.stopped;
  }

  private async run(): Promise<void> {
    const { kafka, config, groupId, log } = this.o;
    const consumer = projectionConsumer(kafka, groupId, this.abort.signal);
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      log.info({ reader: groupId, partitions: payload.memberAssignment, ms: payload.duration }, 'shared projection reader joined its group');
      this.assignment = payload.memberAssignment;
      this.positions.clear();
      this.joined = this.seekToCheckpoints(payload.memberAssignment).catch((err) => {
        if (!this.abort.signal.aborted)
          log.warn({ reader: groupId, error: describe(err) }, 'could not seek to the checkpoints; batches are still filtered by them');
      });
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      log.error({ reader: groupId, error: describe(payload.error) }, 'shared projection reader crashed; restarting');
    });
    await consumer.connect();
    await consumer.subscribe({ topics: this.o.topics.map((t) => topicName(config, t)), fromBeginning: true });
    await consumer.run({
      autoCommit: true,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.o.concurrency,
      eachBatch: (payload) => this.onBatch(payload),
    });
    if (this.abort.signal.aborted) await consumer.disconnect().catch(() => undefined);
  }

  /** Seeks each assigned partition to the lowest checkpoint of the members reading it, where Kafka would start elsewhere. */
  private async seekToCheckpoints(assignment: Record<string, number[]>): Promise<void> {
    const { pool, config, admin, groupId } = this.o;
    const topics = Object.keys(assignment);
    const members = [...this.members.values()];
    const [starts, cps] = await Promise.all([
      kafkaStarts(admin, groupId, topics),
      checkpointsOf(
        pool,
        members.map((m) => m.build),
      ),
    ]);
    for (const [topic, partitions] of Object.entries(assignment)) {
      const logical = logicalTopic(config, topic) ?? topic;
      const readers = members.filter((m) => m.topics.has(logical));
      if (!readers.length) continue;
      for (const partition of partitions) {
        const next = Math.min(...readers.map((m) => cps.get(buildLabel(m.build))?.get(partitionKey(logical, partition)) ?? 0));
        if (starts.get(`${topic}/${partition}`) !== next) this.consumer?.seek({ topic, partition, offset: String(next) });
        this.positions.set(`${topic}/${partition}`, next);
      }
    }
  }

  /**
   * Once the batches in hand are done (so the positions are settled), seeks back each assigned
   * partition where the member's checkpoint is behind the reader. Batches wait meanwhile.
   */
  private async rewindFor(m: Joined, before: Promise<void>): Promise<void> {
    await before;
    await Promise.allSettled([...this.handling]);
    await this.applying;
    if (this.members.get(buildLabel(m.build)) !== m) return;
    try {
      const cps = (await checkpointsOf(this.o.pool, [m.build])).get(buildLabel(m.build));
      for (const [topic, partitions] of Object.entries(this.assignment)) {
        const logical = logicalTopic(this.o.config, topic) ?? topic;
        if (!m.topics.has(logical)) continue;
        for (const partition of partitions) {
          const k = `${topic}/${partition}`;
          const cp = cps?.get(partitionKey(logical, partition)) ?? 0;
          const at = this.positions.get(k);
          if (at !== undefined && cp >= at) continue;
          this.consumer?.seek({ topic, partition, offset: String(cp) });
          this.positions.set(k, cp);
        }
      }
    } catch (err) {
      // The member's next batch from there on still returns its checkpoint, which pulls the partition back.
      if (!this.abort.signal.aborted)
        this.o.log.warn({ reader: this.o.groupId, projection: buildLabel(m.build), error: describe(err) }, 'could not rewind for a joining projection');
    }
  }

  private async onBatch(payload: EachBatchPayload): Promise<void> {
    // A member may join while this waits: wait for its rewind too.
    for (let barrier: Promise<void> | undefined; barrier !== this.joined;) await (barrier = this.joined);
    const handled = this.handle(payload);
    this.handling.add(handled);
    try {
      await handled;
    } finally {
      this.handling.delete(handled);
    }
  }

  private async handle(payload: EachBatchPayload): Promise<void> {
    const batch = rawBatch(this.o.config, payload, this.abort.signal);
    if (!batch) return;
    const next = await beating(payload.heartbeat, () => this.inTurn({ batch, high: Number(payload.batch.highWatermark), heartbeat: payload.heartbeat }));
    if (!payload.isStale()) this.positions.set(`${payload.batch.topic}/${payload.batch.partition}`, next);
    await advance(this.consumer, payload, next);
  }

  /**
   * The batches of one fetch reach eachBatch together (a worker per partition): gathered for
   * one turn of the event loop, each member applies them in one go, one transaction for all.
   */
  private inTurn(fetched: Omit<Waiting, 'resolve' | 'reject'>): Promise<number> {
    if (!this.gathering) {
      const turn: Waiting[] = (this.gathering = []);
      setImmediate(() => {
        this.gathering = undefined;
        this.turn(turn).then(
          (nexts) => turn.forEach((w, i) => w.resolve(nexts[i]!)),
          (err: unknown) => turn.forEach((w) => w.reject(err)),
        );
      });
    }
    return new Promise((resolve, reject) => this.gathering!.push({ ...fetched, resolve, reject }));
  }

  /**
   * Decodes the turn's batches and queues their application behind the turn before, then lets
   * the consumer fetch on: the next fetch is read and decoded while this one is applied (at most
   * one turn applies while another waits). Each batch is read on from its end; where a member
   * turns out to be behind it (its checkpoint says so), `settle` pulls the partition back.
   */
  private async turn(turn: Waiting[]): Promise<number[]> {
    const members = [...this.members.values()];
    const parts: Part[] = [];
    for (const { batch } of turn) {
      const wanted = new Set(members.filter((m) => m.topics.has(batch.topic)).flatMap((m) => [...m.types]));
      parts.push({ batch, items: wanted.size ? await decodeBatch(this.o.decoder, batch, (type) => wanted.has(type)) : [] });
    }
    const before = this.applying;
    this.applying = before
      .then(() => this.apply(turn, parts, members))
      .then(
        (nexts) => this.settle(turn, nexts),
        (err: unknown) => this.failed(turn, err),
      );
    await before;
    return turn.map(({ batch }) => end(batch));
  }

  /** Every member applies its batches of the turn; where each batch is to be read next: the laggard among its members decides. */
  private async apply(turn: Waiting[], parts: Part[], members: Joined[]): Promise<number[]> {
    const nexts: number[][] = turn.map(() => []);
    // Resolves when the first member with work in this turn is done: from then on the others hold it back.
    let finished!: () => void;
    const held = new Promise<void>((resolve) => (finished = resolve));
    await Promise.all(
      members.map(async (m) => {
        if (this.members.get(buildLabel(m.build)) !== m) return;
        const mine = turn.flatMap((_, i) => (m.topics.has(turn[i]!.batch.topic) ? [i] : []));
        if (!mine.length) return;
        const got = await this.deliver(
          m,
          mine.map((i) => parts[i]!),
          mine.map((i) => turn[i]!.high),
          turn[0]!.heartbeat,
          held,
        ).finally(finished);
        got?.forEach((n, j) => nexts[mine[j]!]!.push(n));
      }),
    );
    return turn.map(({ batch }, i) => (nexts[i]!.length ? Math.min(...nexts[i]!) : end(batch)));
  }

  /** A member behind a batch it was given (its checkpoint is before it): the partition is read again from there. */
  private settle(turn: Waiting[], nexts: number[]): void {
    turn.forEach(({ batch }, i) => {
      const next = nexts[i]!;
      if (next >= end(batch) || this.abort.signal.aborted) return;
      this.o.log.info(
        { reader: this.o.groupId, topic: batch.topic, partition: batch.partition, next, first: Number(batch.messages[0]!.offset) },
        'a member is behind the shared reader; reading from its checkpoint',
      );
      this.rewind(batch, next);
    });
  }

  /** An application that failed past the members' own retries: its batches are read again; the checkpoints skip what did commit. */
  private failed(turn: Waiting[], err: unknown): void {
    if (this.abort.signal.aborted) return;
    this.o.log.error({ reader: this.o.groupId, error: describe(err) }, 'shared projection reader could not apply a fetch; reading it again');
    for (const { batch } of turn) this.rewind(batch, Number(batch.messages[0]!.offset));
  }

  /** Reads the partition again from `offset`; the consumer applies the latest seek, so that is where it now stands. */
  private rewind(batch: RawBatch, offset: number): void {
    this.consumer?.seek({ topic: batch.physicalTopic, partition: batch.partition, offset: String(offset) });
    this.positions.set(`${batch.physicalTopic}/${batch.partition}`, offset);
  }

  /** Takes a stalled member out at once (its batch rolls back; its checkpoint says where it resumes) and tells it. */
  private detach(m: Joined): void {
    if (this.members.get(buildLabel(m.build)) !== m) return;
    this.members.delete(buildLabel(m.build));
    m.abort.abort();
    this.o.log.warn(
      { reader: this.o.groupId, projection: buildLabel(m.build) },
      'a projection holds the shared reader back (its storage fails or stalls); it leaves and reads on its own until caught up',
    );
    m.onStalled();
  }

  /** The member's next offset in each part, or undefined once it has left (removed, or retired by a swap). */
  private deliver(m: Joined, parts: Part[], highs: number[], heartbeat: () => Promise<void>, held: Promise<void>): Promise<number[] | undefined> {
    const work = (async () => {
      const started = Date.now();
      try {
        // A member whose storage is down or stalls (Elasticsearch) must not hold every other projection back: it leaves.
        let stall: NodeJS.Timeout | undefined;
        let exempt = false;
        void held.then(() => {
          if (!exempt) stall = setTimeout(() => this.detach(m), this.o.stallMs ?? STALL_MS);
        });
        const settle = () => {
          exempt = true;
          clearTimeout(stall);
        };
        // A batch failing on its records (poison, to be dead-lettered) is progress, not a stall.
        const onRetry = (transient: boolean) => (transient ? this.detach(m) : settle());
        const applying = m.processor.processMany(parts, { signal: m.abort.signal, heartbeat, onRetry }).finally(settle);
        m.inflight.add(applying);
        void applying.finally(() => m.inflight.delete(applying)).catch(() => undefined);
        // A request in flight to a stalled storage does not see the signal: the turn goes on without it.
        // Whatever it still commits is under the checkpoint locks, so the member's own reader skips it.
        const nexts = await Promise.race([applying, stopped(m.abort.signal)]);
        const took = Date.now() - started;
        if (took > SLOW_BATCH_MS)
          this.o.log.warn(
            { projection: buildLabel(m.build), batches: parts.length, records: parts.reduce((n, p) => n + p.batch.messages.length, 0), ms: took },
            'slow projection batch',
          );
        parts.forEach(({ batch }, i) => {
          const next = nexts[i]!;
          const first = Number(batch.messages[0]!.offset);
          const last = Number(batch.messages[batch.messages.length - 1]!.offset);
          m.onProgress(batch.topic, batch.partition, next, highs[i]!, Math.max(0, Math.min(next, last + 1) - first));
        });
        return nexts;
      } catch (err) {
        if (err instanceof Stopping) return undefined;
        if (err instanceof BuildRetired) {
          void this.remove(m.build);
          m.onRetired();
          return undefined;
        }
        throw err;
      }
    })();
    m.inflight.add(work);
    void work.finally(() => m.inflight.delete(work)).catch(() => undefined);
    return work;
  }
}

/** The offset after a batch's last record. */
const end = (batch: RawBatch) => Number(batch.messages[batch.messages.length - 1]!.offset) + 1;

/** Rejects with Stopping once the signal is aborted. */
function stopped(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) return reject(new Stopping());
    signal.addEventListener('abort', () => reject(new Stopping()), { once: true });
  });
}
