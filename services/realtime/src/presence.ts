import { connectJsonPublisher, tailPresence, type AwakeRecord, type JsonPublisher, type Runtime, type Tail } from '@groupchat/shared';
import type { BlockLists } from './blocks';
import type { Hub } from './hub';

export interface PresenceOptions {
  /** How often each process republishes who is online on it; entries not refreshed for 3 beats expire. */
  heartbeatMs: number;
  /** At most one typing notice per user and group in this interval. */
  typingIntervalMs: number;
  /** Typing notices older than this are stale (clients expire them after about as long). */
  typingTtlMs: number;
}

type PresenceRecord =
  | { t: 'online' | 'offline' | 'typing'; i: string; at: number; g: string; u: string }
  | { t: 'refresh'; i: string; at: number; pairs: [string, string][] }
  | AwakeRecord;

const REFRESH_CHUNK = 4000;

/**
 * Typing and presence across realtime processes. Each process publishes its own users' online,
 * offline and typing changes to the presence topic, plus a periodic refresh of everyone online
 * on it, and follows every other process's records. Presence in a group is the users with a
 * live subscription to it on any process; a process that stops refreshing (a crash) has its
 * users expire after three beats. It also publishes who is awake here (a visible socket), for
 * AwakeUsers in other services; presence in groups does not depend on it.
 */
export class Presence {
  private readonly local = new Map<string, Map<string, number>>();
  private readonly remote = new Map<string, Map<string, Map<string, number>>>();
  private readonly lastTyping = new Map<string, number>();
  private readonly lastSent = new Map<string, string>();
  private readonly dirty = new Set<string>();
  /** Per user, their sockets on this process that are visible. */
  private readonly visible = new Map<string, Set<object>>();
  private flushScheduled = false;
  private tail?: Tail;
  private publisher?: JsonPublisher;
  private timer?: NodeJS.Timeout;
  /** Who connected users have blocked: their presence and typing are left out for them. */
  blocks?: BlockLists;

  private constructor(
    private readonly rt: Runtime,
    private readonly hub: Hub,
    private readonly instance: string,
    private readonly options: PresenceOptions,
  ) {}

  static async start(rt: Runtime, hub: Hub, instance: string, options: PresenceOptions): Promise<Presence> {
    const p = new Presence(rt, hub, instance, options);
    p.publisher = await connectJsonPublisher(rt.kafka, rt.config);
    p.tail = await tailPresence<PresenceRecord>(rt, 'realtime-presence', p.ttl, (r) => {
      if (r.i !== instance) p.apply(r);
    });
    p.timer = setInterval(() => p.beat(), options.heartbeatMs);
    p.timer.unref();
    return p;
  }

  private get ttl() {
    return 3 * this.options.heartbeatMs;
  }

  join(groupId: string, userId: string) {
    const users = this.local.get(groupId) ?? new Map<string, number>();
    this.local.set(groupId, users);
    const count = users.get(userId) ?? 0;
    users.set(userId, count + 1);
    if (count === 0) {
      this.publish({ t: 'online', i: this.instance, at: Date.now(), g: groupId, u: userId });
      this.markDirty(groupId);
    }
  }

  leave(groupId: string, userId: string) {
    const users = this.local.get(groupId);
    const count = users?.get(userId) ?? 0;
    if (!users || count === 0) return;
    if (count > 1) return void users.set(userId, count - 1);
    users.delete(userId);
    if (!users.size) this.local.delete(groupId);
    this.publish({ t: 'offline', i: this.instance, at: Date.now(), g: groupId, u: userId });
    this.markDirty(groupId);
  }

  /** Whether `socket` of `userId` is visible; the user's first visible socket wakes them, the last to go puts them to sleep. */
  visibility(userId: string, socket: object, visible: boolean) {
    const mine = this.visible.get(userId);
    if (visible) {
      if (mine) return void mine.add(socket);
      this.visible.set(userId, new Set([socket]));
      this.publish({ t: 'awake', i: this.instance, at: Date.now(), u: userId });
    } else {
      if (!mine?.delete(socket) || mine.size) return;
      this.visible.delete(userId);
      this.publish({ t: 'asleep', i: this.instance, at: Date.now(), u: userId });
    }
  }

  /** Relays a typing notice to the group's subscribers on every process; false when rate limited. */
  typing(groupId: string, userId: string): boolean {
    const key = `${groupId}\u0000${userId}`;
    const now = Date.now();
    if (now - (this.lastTyping.get(key) ?? 0) < this.options.typingIntervalMs) return false;
    this.lastTyping.set(key, now);
    this.relayTyping(groupId, userId);
    this.publish({ t: 'typing', i: this.instance, at: now, g: groupId, u: userId });
    return true;
  }

  online(groupId: string): string[] {
    const users = new Set(this.local.get(groupId)?.keys());
    for (const groups of this.remote.values()) for (const u of groups.get(groupId)?.keys() ?? []) users.add(u);
    return [...users].sort();
  }

  frame(groupId: string): string {
    return JSON.stringify({ type: 'presence', groupId, online: this.online(groupId) });
  }

  /** The presence frame as `viewer` may see it: without the people they blocked. */
  frameFor(groupId: string, viewer: string, shared = this.frame(groupId)): string {
    return this.personal(groupId, viewer) ?? shared;
  }

  /** Sends the user's live subscriptions their presence frames again (their blocks changed). */
  resendTo(userId: string) {
    for (const g of this.hub.groupIds())
      for (const sub of this.hub.subscriptions(g)) if (sub.userId === userId && sub.state === 'live') sub.sink.send(this.frameFor(g, userId), 'presence');
  }

  /** A frame of its own for a viewer who blocked someone online here; undefined: the shared one. */
  private personal(groupId: string, viewer: string): string | undefined {
    const blocks = this.blocks;
    if (!blocks?.any(viewer)) return undefined;
    const online = this.online(groupId);
    if (!online.some((u) => blocks.hides(viewer, u))) return undefined;
    return JSON.stringify({ type: 'presence', groupId, online: online.filter((u) => !blocks.hides(viewer, u)) });
  }

  private relayTyping(groupId: string, userId: string) {
    const hidden = (viewer: string) => (this.blocks?.hides(viewer, userId) ? null : undefined);
    this.hub.broadcast(groupId, JSON.stringify({ type: 'typing', groupId, userId }), 'typing', userId, hidden);
  }

  private apply(r: PresenceRecord) {
    const now = Date.now();
    const expiresAt = Math.min(r.at, now) + this.ttl;
    switch (r.t) {
      case 'online':
        this.touch(r.i, r.g, r.u, expiresAt);
        break;
      case 'refresh':
        for (const [g, u] of r.pairs) this.touch(r.i, g, u, expiresAt);
        break;
      case 'offline':
        if (this.remote.get(r.i)?.get(r.g)?.delete(r.u)) this.markDirty(r.g);
        break;
      case 'bye':
        for (const g of this.remote.get(r.i)?.keys() ?? []) this.markDirty(g);
        this.remote.delete(r.i);
        break;
      case 'typing':
        if (now - r.at < this.options.typingTtlMs) this.relayTyping(r.g, r.u);
        break;
    }
  }

  private touch(instance: string, groupId: string, userId: string, expiresAt: number) {
    if (expiresAt <= Date.now()) return;
    let groups = this.remote.get(instance);
    if (!groups) this.remote.set(instance, (groups = new Map()));
    let users = groups.get(groupId);
    if (!users) groups.set(groupId, (users = new Map()));
    const known = users.get(userId);
    users.set(userId, Math.max(known ?? 0, expiresAt));
    if (known === undefined) this.markDirty(groupId);
  }

  /** Refreshes this process's entries elsewhere and expires entries of processes gone silent. */
  private beat() {
    const now = Date.now();
    const pairs: [string, string][] = [];
    for (const [g, users] of this.local) for (const u of users.keys()) pairs.push([g, u]);
    for (let i = 0; i < pairs.length; i += REFRESH_CHUNK) this.publish({ t: 'refresh', i: this.instance, at: now, pairs: pairs.slice(i, i + REFRESH_CHUNK) });
    const awake = [...this.visible.keys()];
    for (let i = 0; i < awake.length; i += REFRESH_CHUNK)
      this.publish({ t: 'refresh-awake', i: this.instance, at: now, users: awake.slice(i, i + REFRESH_CHUNK) });
    for (const [instance, groups] of this.remote) {
      for (const [g, users] of groups) {
        for (const [u, expiresAt] of users) if (expiresAt <= now && users.delete(u)) this.markDirty(g);
        if (!users.size) groups.delete(g);
      }
      if (!groups.size) this.remote.delete(instance);
    }
    for (const [key, at] of this.lastTyping) if (now - at >= this.options.typingIntervalMs) this.lastTyping.delete(key);
    for (const g of this.lastSent.keys()) if (!this.hub.has(g)) this.lastSent.delete(g);
  }

  private markDirty(groupId: string) {
    this.dirty.add(groupId);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.flush());
  }

  /** One presence frame per changed group, sent only when the list differs from the last one. */
  private flush() {
    this.flushScheduled = false;
    for (const g of this.dirty) {
      if (!this.hub.has(g)) {
        this.lastSent.delete(g);
        continue;
      }
      const frame = this.frame(g);
      if (this.lastSent.get(g) === frame) continue;
      this.lastSent.set(g, frame);
      this.hub.broadcast(g, frame, 'presence', undefined, (viewer) => this.personal(g, viewer));
    }
    this.dirty.clear();
  }

  private publish(record: PresenceRecord) {
    this.publisher
      ?.publish('presence', [{ key: this.instance, value: record }])
      .catch((err: Error) => this.rt.log.warn({ err }, 'presence record not published'));
  }

  async close() {
    clearInterval(this.timer);
    this.publish({ t: 'bye', i: this.instance, at: Date.now() });
    await this.publisher?.close().catch(() => undefined);
    await this.tail?.close();
  }
}
