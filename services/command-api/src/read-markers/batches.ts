import type { Envelope } from '../http/envelope';

export interface Marker {
  groupId: string;
  partition: number;
  offset: number;
  /** The thread read (its root message id); absent or null for the main list. */
  threadId?: string | null;
}

/** A user's markers are batched per conversation and thread: each goes out at its furthest. */
const markerKey = (groupId: string, threadId: string | null | undefined) => `${groupId}/${threadId ?? ''}`;

interface Waiter {
  resolve(position: string): void;
  reject(err: unknown): void;
}

interface UserWindow {
  markers: Map<string, Marker>;
  waiters: Waiter[];
  envelope?: Envelope;
  timer?: NodeJS.Timeout;
  /** When this user's last append started: the next waits until a window has passed. */
  lastAppend: number;
}

/** Appends one user's markers (one event per conversation, all in one append) and answers the position of the last. */
export type AppendMarkers = (userId: string, envelope: Envelope, markers: Marker[]) => Promise<string>;

/**
 * Coalesces each user's marker moves: at most one append per user per window. A user's first
 * move in a quiet window goes out on the next turn of the event loop; moves made while a window
 * is open wait for its end and go together, each conversation at its furthest marker. Every
 * caller is answered with the position of the append that carried its move.
 */
export class MarkerBatches {
  private readonly users = new Map<string, UserWindow>();

  constructor(
    private readonly append: AppendMarkers,
    private readonly windowMs = 1000,
  ) {}

  /** The marker about to be appended for this conversation, if any. */
  pending(userId: string, groupId: string, threadId: string | null = null): number | null {
    return this.users.get(userId)?.markers.get(markerKey(groupId, threadId))?.offset ?? null;
  }

  move(userId: string, envelope: Envelope, marker: Marker): Promise<string> {
    let w = this.users.get(userId);
    if (!w) this.users.set(userId, (w = { markers: new Map(), waiters: [], lastAppend: -Infinity }));
    const key = markerKey(marker.groupId, marker.threadId);
    const known = w.markers.get(key);
    if (!known || known.offset < marker.offset) w.markers.set(key, marker);
    w.envelope = envelope;
    const window = w;
    return new Promise((resolve, reject) => {
      window.waiters.push({ resolve, reject });
      window.timer ??= setTimeout(() => this.flush(userId, window), Math.max(0, window.lastAppend + this.windowMs - Date.now()));
    });
  }

  /** Appends everything pending now (on shutdown). */
  async close(): Promise<void> {
    await Promise.allSettled([...this.users].filter(([, w]) => w.timer).map(([userId, w]) => this.flush(userId, w)));
  }

  private async flush(userId: string, w: UserWindow): Promise<void> {
    clearTimeout(w.timer);
    w.timer = undefined;
    const markers = [...w.markers.values()];
    const waiters = w.waiters;
    w.markers = new Map();
    w.waiters = [];
    const started = (w.lastAppend = Date.now());
    // A user who stays quiet for a window is forgotten: the map holds only recent movers.
    setTimeout(() => {
      if (!w.timer && w.lastAppend === started && this.users.get(userId) === w) this.users.delete(userId);
    }, this.windowMs).unref();
    try {
      const position = await this.append(userId, w.envelope!, markers);
      waiters.forEach((x) => x.resolve(position));
    } catch (err) {
      waiters.forEach((x) => x.reject(err));
    }
  }
}
