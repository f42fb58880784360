/**
 * The ids most recently seen, at most `max` of them, oldest forgotten first. The live feed uses
 * it to hand an event to subscribers once even when the log holds it twice: a send retried
 * through a second command-api instance while the first instance's append was still pending
 * lands as two records with the same eventId, seconds apart at most.
 */
export class RecentIds {
  private readonly ids = new Set<string>();

  constructor(private readonly max: number) {}

  /** True when `id` was seen already; otherwise remembers it and answers false. */
  seen(id: string): boolean {
    if (this.ids.has(id)) return true;
    this.ids.add(id);
    if (this.ids.size > this.max) this.ids.delete(this.ids.values().next().value!);
    return false;
  }
}
