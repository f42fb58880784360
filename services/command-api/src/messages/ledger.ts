import { RecentMap, type Position } from '@groupchat/shared';
import { withDeadline } from '../http/append';

/** How many acknowledged sends a process remembers for retries and for edits right after a send. */
const REMEMBERED = 100_000;

/**
 * This process's sends by messageId: in flight, or acknowledged with their position. A retry
 * of the same message answers from here instead of appending it again; a retry that reaches
 * another process (or this one after a restart) appends the same eventId again, which every
 * reader skips (docs/performance.md, "send path").
 */
export class SendLedger {
  private readonly pending = new Map<string, Promise<Position>>();
  private readonly acknowledged = new RecentMap<string, Position>(REMEMBERED);

  constructor(private readonly timeoutMs: number) {}

  positionOf(messageId: string): Position | undefined {
    return this.acknowledged.get(messageId);
  }

  /**
   * An earlier attempt: its position, or a wait for the one in flight ('failed' when it failed,
   * 503 past the deadline); undefined when there is none. Synchronous, so a caller that gets
   * undefined can start its append before any other request looks.
   */
  lookup(messageId: string): Position | Promise<Position | 'failed'> | undefined {
    const known = this.acknowledged.get(messageId);
    if (known) return known;
    const inFlight = this.pending.get(messageId);
    return (
      inFlight &&
      withDeadline(
        inFlight.catch(() => 'failed' as const),
        this.timeoutMs,
      )
    );
  }

  /** A MessageSent read from the log, by whichever process appended it: the first one read is where it landed. */
  landed(messageId: string, position: Position): void {
    if (!this.acknowledged.has(messageId)) this.acknowledged.set(messageId, position);
  }

  track(messageId: string, append: Promise<Position>): void {
    this.pending.set(messageId, append);
    append
      .then(
        (position) => this.landed(messageId, position),
        () => undefined,
      )
      .finally(() => {
        if (this.pending.get(messageId) === append) this.pending.delete(messageId);
      });
  }
}
