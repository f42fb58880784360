/**
 * How far this process has handled each partition of one topic, and waiting until it has
 * handled a given offset. The caller records offsets as it hands records on and wakes the
 * waiters once per batch.
 */
export class PartitionProgress {
  private readonly last: number[];
  private waiters: { partition: number; offset: number; resolve: () => void }[] = [];

  /** `starts`: the first offset that will be handled on each partition. */
  constructor(starts: number[]) {
    this.last = starts.map((next) => next - 1);
  }

  get partitions(): number {
    return this.last.length;
  }

  /** The last offset handled on the partition (-1 before any). */
  at(partition: number): number {
    return this.last[partition] ?? -1;
  }

  record(partition: number, offset: number) {
    if (offset > this.at(partition)) this.last[partition] = offset;
  }

  /** Resolves true once `offset` has been handled on the partition, false after `timeoutMs`. */
  reached(partition: number, offset: number, timeoutMs: number): Promise<boolean> {
    if (this.at(partition) >= offset) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter = { partition, offset, resolve: () => (clearTimeout(timer), resolve(true)) };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve(false);
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  wake(partition: number) {
    if (!this.waiters.length) return;
    const last = this.at(partition);
    const ready = this.waiters.filter((w) => w.partition === partition && w.offset <= last);
    if (!ready.length) return;
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const w of ready) w.resolve();
  }
}
