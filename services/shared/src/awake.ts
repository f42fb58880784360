import type { Runtime } from './runtime';
import { tailTopics, type Tail, type TailMessage } from './tail';

/** How often realtime republishes who is online and awake on each process (its presence heartbeat). */
export const PRESENCE_HEARTBEAT_MS = 10_000;

/**
 * The presence topic's awake records. A user is awake on a realtime process while some socket of
 * theirs there is visible; `refresh-awake` repeats a process's awake users every beat, in chunks.
 */
export type AwakeRecord =
  | { t: 'awake' | 'asleep'; i: string; at: number; u: string }
  | { t: 'refresh-awake'; i: string; at: number; users: string[] }
  | { t: 'bye'; i: string; at: number };

/**
 * Follows the presence topic from `backMs` ago (one expiry period back holds every live
 * process's latest refresh), one parsed record at a time; anything not a JSON object naming
 * its process and time is skipped.
 */
export function tailPresence<T extends { i: string; at: number }>(rt: Runtime, name: string, backMs: number, onRecord: (r: T) => void): Promise<Tail> {
  return tailTopics(rt.kafka, rt.config, {
    name,
    topics: ['presence'],
    from: { timestamp: Date.now() - backMs },
    log: rt.log,
    onBatch: (_topic, _partition, messages) => {
      for (const r of parsed<T>(messages)) onRecord(r);
    },
  });
}

function* parsed<T extends { i: string; at: number }>(messages: TailMessage[]): Generator<T> {
  for (const message of messages) {
    let r: T | null;
    try {
      r = JSON.parse(message.value?.toString() ?? '') as T | null;
    } catch {
      continue;
    }
    if (r && typeof r.i === 'string' && typeof r.at === 'number') yield r;
  }
}

/**
 * Who has a GroupChat tab open and visible anywhere, read from the presence topic, for a process
 * that is not realtime (the push sender skips users who are looking). Like realtime's presence,
 * an entry lives three beats past its last record, so the users of a crashed process expire.
 */
export class AwakeUsers {
  /** Per realtime process, its awake users and when each expires. */
  private readonly byInstance = new Map<string, Map<string, number>>();
  private tail?: Tail;
  private timer?: NodeJS.Timeout;

  private constructor(private readonly ttl: number) {}

  static async start(rt: Runtime, opts: { heartbeatMs?: number } = {}): Promise<AwakeUsers> {
    const heartbeatMs = opts.heartbeatMs ?? PRESENCE_HEARTBEAT_MS;
    if (!(heartbeatMs > 0)) throw new Error('AwakeUsers heartbeatMs must be positive');
    const awake = new AwakeUsers(3 * heartbeatMs);
    awake.tail = await tailPresence<AwakeRecord>(rt, 'awake-users', awake.ttl, (r) => awake.apply(r));
    awake.timer = setInterval(() => awake.sweep(), heartbeatMs);
    awake.timer.unref();
    return awake;
  }

  isAwake(userId: string): boolean {
    const now = Date.now();
    for (const users of this.byInstance.values()) if ((users.get(userId) ?? 0) > now) return true;
    return false;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.tail?.close();
  }

  private apply(r: AwakeRecord) {
    const expiresAt = Math.min(r.at, Date.now()) + this.ttl;
    switch (r.t) {
      case 'awake':
        this.touch(r.i, r.u, expiresAt);
        break;
      case 'refresh-awake':
        if (Array.isArray(r.users)) for (const u of r.users) this.touch(r.i, u, expiresAt);
        break;
      case 'asleep':
        this.byInstance.get(r.i)?.delete(r.u);
        break;
      case 'bye':
        this.byInstance.delete(r.i);
        break;
    }
  }

  private touch(instance: string, userId: string, expiresAt: number) {
    if (typeof userId !== 'string' || expiresAt <= Date.now()) return;
    let users = this.byInstance.get(instance);
    if (!users) this.byInstance.set(instance, (users = new Map()));
    users.set(userId, Math.max(users.get(userId) ?? 0, expiresAt));
  }

  /** Drops expired entries, so users of processes gone silent do not pile up. */
  private sweep() {
    const now = Date.now();
    for (const [instance, users] of this.byInstance) {
      for (const [u, expiresAt] of users) if (expiresAt <= now) users.delete(u);
      if (!users.size) this.byInstance.delete(instance);
    }
  }
}
