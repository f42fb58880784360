import type { Frame } from './protocol';
import type { ShownEvent } from './redact';
import type { Subscription } from './subscription';

/** The subscriptions of this process by group: fan-out builds a frame once per group, not per socket. */
export class Hub {
  private readonly groups = new Map<string, Set<Subscription>>();

  add(sub: Subscription) {
    let set = this.groups.get(sub.groupId);
    if (!set) this.groups.set(sub.groupId, (set = new Set()));
    set.add(sub);
  }

  remove(sub: Subscription) {
    const set = this.groups.get(sub.groupId);
    if (!set?.delete(sub)) return;
    if (!set.size) this.groups.delete(sub.groupId);
  }

  has(groupId: string): boolean {
    return this.groups.has(groupId);
  }

  subscriptions(groupId: string): Subscription[] {
    return [...(this.groups.get(groupId) ?? [])];
  }

  /** Hands one event frame to every subscription of the group; returns how many sockets got it now. */
  dispatch(groupId: string, offset: number, frame: Frame, event?: ShownEvent): number {
    let sent = 0;
    for (const sub of this.groups.get(groupId) ?? []) if (sub.deliver(offset, frame, event)) sent++;
    return sent;
  }

  /**
   * Sends a frame to the live subscriptions of a group, except those of one user. `personal`
   * may give a subscriber's user another frame, or null for none (blocks); undefined keeps
   * the shared one, built once.
   */
  broadcast(groupId: string, frame: Frame, kind: string, exceptUserId?: string, personal?: (userId: string) => Frame | null | undefined): number {
    let sent = 0;
    for (const sub of this.groups.get(groupId) ?? []) {
      if (sub.state !== 'live' || sub.userId === exceptUserId) continue;
      const own = personal?.(sub.userId);
      if (own === null) continue;
      sub.sink.send(own ?? frame, kind);
      sent++;
    }
    return sent;
  }

  groupIds(): IterableIterator<string> {
    return this.groups.keys();
  }
}
