import { tailTopics, threadUnreadCounts, unreadCounts, waitForPositions, type Position, type Runtime, type Tail } from '@groupchat/shared';
import type { ServerFrame } from './protocol';

export interface UnreadSink {
  userId: string;
  sendJson(frame: ServerFrame): void;
}

/** How long changes gather before one recount: well inside the second the counts must agree in. */
const GATHER_MS = 50;

/**
 * Pushes `{type:"unread"}` frames when a count of a connected user changes, and
 * `{type:"thread-unread"}` frames when the count of a thread they follow does (docs/unread.md).
 * It keeps the last counts of connected users only, loaded with one query when their first
 * socket authenticates. A record of the messages topic marks its group changed, a record of
 * the users topic (ReadMarkerMoved among others) marks its user changed; changes gather for
 * GATHER_MS, then, once the read models have applied them, at most two queries (and two for
 * threads) recount every affected pair: no query per message per user, and nothing is counted
 * in memory that could drift.
 */
export class UnreadPush {
  private readonly sinks = new Map<string, Set<UnreadSink>>();
  private readonly counts = new Map<string, Map<string, string>>();
  /** The last thread counts sent, per user and thread. */
  private readonly threadCounts = new Map<string, Map<string, number>>();
  private groups = new Map<string, Position>();
  private users = new Map<string, Position>();
  private timer?: NodeJS.Timeout;
  private flushing?: Promise<void>;
  private tail?: Tail;
  /** Every users-topic record of a connected user, for others who follow them (blocks). */
  onUserRecord?: (userId: string, position: Position) => void;

  private constructor(private readonly rt: Runtime) {}

  static async start(rt: Runtime): Promise<UnreadPush> {
    const push = new UnreadPush(rt);
    push.tail = await tailTopics(rt.kafka, rt.config, {
      name: 'realtime-unread',
      topics: ['users'],
      from: 'end',
      log: rt.log,
      onBatch: (_topic, partition, messages) => {
        for (const m of messages) {
          const userId = m.key?.toString();
          if (!userId || !push.sinks.has(userId)) continue;
          const position: Position = { topic: 'users', partition, offset: BigInt(m.offset) };
          push.mark(push.users, userId, position);
          push.onUserRecord?.(userId, position);
        }
      },
    });
    return push;
  }

  connect(sink: UnreadSink): void {
    const mine = this.sinks.get(sink.userId);
    if (mine) return void mine.add(sink);
    this.sinks.set(sink.userId, new Set([sink]));
    const known = new Map<string, string>();
    const threads = new Map<string, number>();
    this.counts.set(sink.userId, known);
    this.threadCounts.set(sink.userId, threads);
    // A recount that lands first has the newer figures: the initial load only fills what it left.
    const failed = (err: unknown) => this.rt.log.warn({ err }, 'loading unread counts failed; they are pushed from the next change');
    void unreadCounts(this.rt.pool, [sink.userId]).then(
      (rows) => rows.forEach((r) => known.has(r.groupId) || known.set(r.groupId, `${r.unread}/${r.mentions}`)),
      failed,
    );
    void threadUnreadCounts(this.rt.pool, [sink.userId]).then(
      (rows) => rows.forEach((r) => threads.has(r.threadId) || threads.set(r.threadId, r.unread)),
      failed,
    );
  }

  disconnect(sink: UnreadSink): void {
    const mine = this.sinks.get(sink.userId);
    if (!mine?.delete(sink) || mine.size) return;
    this.sinks.delete(sink.userId);
    this.counts.delete(sink.userId);
    this.threadCounts.delete(sink.userId);
  }

  /** A messages-topic record of the group landed (called by the live feed for every record). */
  landed(groupId: string, partition: number, offset: number): void {
    if (this.sinks.size) this.mark(this.groups, groupId, { topic: 'messages', partition, offset: BigInt(offset) });
  }

  async close(): Promise<void> {
    clearTimeout(this.timer);
    await this.tail?.close();
    await this.flushing;
  }

  private mark(into: Map<string, Position>, id: string, position: Position) {
    into.set(id, position);
    this.timer ??= setTimeout(() => void this.flush(), GATHER_MS);
  }

  private async flush(): Promise<void> {
    this.timer = undefined;
    // One recount at a time; what gathers meanwhile goes in the next (armed when this one ends).
    if (this.flushing) return;
    const groups = this.groups;
    const users = this.users;
    this.groups = new Map();
    this.users = new Map();
    this.flushing = this.recount(groups, users)
      .catch((err: unknown) => this.rt.log.warn({ err }, 'recounting unread failed; the next change recounts'))
      .finally(() => {
        this.flushing = undefined;
        if (this.groups.size || this.users.size) this.timer ??= setTimeout(() => void this.flush(), GATHER_MS);
      });
    await this.flushing;
  }

  private async recount(groups: Map<string, Position>, users: Map<string, Position>) {
    const timeoutMs = this.rt.config.MIN_POSITION_WAIT_MS;
    // Past the wait, count what the read models show: a later change recounts again.
    await Promise.all([
      waitForPositions(this.rt.pool, [...groups.values()], { projections: ['messages'], timeoutMs }),
      waitForPositions(this.rt.pool, [...users.values()], { projections: ['read-markers'], timeoutMs }),
    ]).catch(() => undefined);
    const connected = [...this.sinks.keys()];
    const groupIds = [...groups.keys()];
    const movers = [...users.keys()].filter((u) => this.sinks.has(u));
    const [inGroups, ofUsers, threadsInGroups, threadsOfUsers] = await Promise.all([
      groups.size ? unreadCounts(this.rt.pool, connected, groupIds) : [],
      unreadCounts(this.rt.pool, movers),
      groups.size ? threadUnreadCounts(this.rt.pool, connected, { groupIds }) : [],
      threadUnreadCounts(this.rt.pool, movers),
    ]);
    for (const row of [...threadsInGroups, ...threadsOfUsers]) {
      const known = this.threadCounts.get(row.userId);
      if (!known || known.get(row.threadId) === row.unread) continue;
      known.set(row.threadId, row.unread);
      const frame: ServerFrame = { type: 'thread-unread', groupId: row.groupId, threadId: row.threadId, unread: row.unread, marker: row.marker };
      for (const sink of this.sinks.get(row.userId) ?? []) sink.sendJson(frame);
    }
    for (const row of [...inGroups, ...ofUsers]) {
      const known = this.counts.get(row.userId);
      const value = `${row.unread}/${row.mentions}`;
      if (!known || known.get(row.groupId) === value) continue;
      known.set(row.groupId, value);
      const frame: ServerFrame = { type: 'unread', groupId: row.groupId, unread: row.unread, mentions: row.mentions, marker: row.marker };
      for (const sink of this.sinks.get(row.userId) ?? []) sink.sendJson(frame);
    }
  }
}
