import { eventFrame, type Frame, type ServerFrame } from './protocol';
import { finalStates, redact, type ShownEvent } from './redact';

/** Where a subscription's frames go: one socket. */
export interface Sink {
  readonly userId: string;
  readonly subs: Map<string, Subscription>;
  send(frame: Frame, kind: string): void;
  sendJson(frame: ServerFrame): void;
  /** Sends once the socket's buffer has room; false when the socket went away meanwhile. */
  paced(frame: Frame, kind: string): Promise<boolean>;
}

/**
 * One socket's interest in one group. Pending while membership is checked and history is
 * replayed: live events are held back (by reference: the frame strings are shared with every
 * other subscriber) and released, past the replayed range, when it goes live.
 */
export class Subscription {
  state: 'pending' | 'live' | 'ended' = 'pending';
  /** More live events arrived during the replay than may be held: the replay cannot be completed. */
  overflowed = false;
  private held: { offset: number; frame: Frame; event?: ShownEvent }[] = [];

  constructor(
    readonly groupId: string,
    readonly partition: number,
    /** The last offset of the partition delivered live when the subscription began; later ones reach it live. */
    readonly from: number,
    readonly sink: Sink,
    private readonly maxHeld: number,
  ) {}

  /** A getter, so checks after an await are not narrowed away. */
  get ended(): boolean {
    return this.state === 'ended';
  }

  get userId() {
    return this.sink.userId;
  }

  /** Returns true when the frame went to the socket now. */
  deliver(offset: number, frame: Frame, event?: ShownEvent): boolean {
    if (this.state === 'live') {
      this.sink.send(frame, 'event');
      return true;
    }
    if (this.state === 'pending' && !this.overflowed) {
      this.held.push({ offset, frame, event });
      if (this.held.length > this.maxHeld) {
        this.overflowed = true;
        this.held = [];
      }
    }
    return false;
  }

  /**
   * Sends the held events after `covered` (everything up to it was sent already) and goes live.
   * They go out after the fact, so a message deleted or edited among them is shown as it is now,
   * like the replay before them.
   */
  goLive(covered: number) {
    if (this.state !== 'pending') return;
    const due = this.held.filter((h) => h.offset > covered);
    const states = finalStates(due.flatMap((h) => (h.event ? [h.event] : [])));
    for (const h of due) {
      const shown = h.event && states.has(String(h.event.messageId)) ? redact(h.event, states.get(String(h.event.messageId))) : h.event;
      const frame = shown === h.event ? h.frame : eventFrame(this.groupId, this.partition, h.offset, JSON.stringify(shown));
      this.sink.send(frame, 'event');
    }
    this.held = [];
    this.state = 'live';
  }

  end() {
    this.state = 'ended';
    this.held = [];
  }
}
