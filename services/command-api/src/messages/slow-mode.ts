import { RecentMap } from '@groupchat/shared';

const REMEMBERED = 100_000;

interface Accepted {
  clientMessageId: string;
  /** Null once taken back with nothing before it. */
  at: number | null;
  previous?: Accepted;
}

/**
 * When each sender's last message in each group was accepted by this process. Counted in the
 * process like the message rate limits: a shared record would put a round trip before every
 * send. Slow mode is a pace, not an invariant; an instance restart forgets it.
 */
export class SlowModeClock {
  private readonly accepted = new RecentMap<string, Accepted>(REMEMBERED);

  /** The previous accepted message's time, not counting an earlier attempt of this same one. */
  lastSentAt(groupId: string, senderId: string, clientMessageId: string): number | null {
    let last = this.accepted.get(`${groupId}/${senderId}`);
    if (last?.clientMessageId === clientMessageId) last = last.previous;
    return last?.at ?? null;
  }

  /** Records an accepted message; the returned function takes it back when its append fails. */
  accept(groupId: string, senderId: string, clientMessageId: string, at: number): () => void {
    const key = `${groupId}/${senderId}`;
    const previous = this.accepted.get(key);
    const entry: Accepted = { clientMessageId, at, previous: previous?.clientMessageId === clientMessageId ? previous.previous : previous };
    delete entry.previous?.previous;
    this.accepted.set(key, entry);
    return () => {
      if (this.accepted.get(key) !== entry) return;
      this.accepted.set(key, entry.previous ?? { clientMessageId, at: null });
    };
  }
}
