interface Waiting<I, O> {
  item: I;
  resolve(value: O): void;
  reject(err: unknown): void;
}

/** A flush's answer for one item: its value, or the error that item alone fails with. */
export type Outcome<O> = { ok: true; value: O } | { ok: false; error: unknown };

/**
 * Turns many concurrent calls into few batched ones: calls made while a flush is in flight
 * wait and go together in the next flush. Under light load a call is flushed alone on the next
 * turn of the event loop; under heavy load batches grow by themselves, so the cost of a round
 * trip is shared by everyone who arrived during the previous one.
 */
export class Coalescer<I, O> {
  private queue: Waiting<I, O>[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(
    private readonly flush: (items: I[]) => Promise<Outcome<O>[]>,
    private readonly limits: { maxBatch?: number; concurrency?: number } = {},
  ) {}

  run(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          this.drain();
        });
      }
    });
  }

  private drain() {
    const { maxBatch = 500, concurrency = 1 } = this.limits;
    while (this.queue.length && this.inFlight < concurrency) {
      const batch = this.queue.splice(0, maxBatch);
      this.inFlight++;
      this.flush(batch.map((w) => w.item))
        .then(
          (outcomes) =>
            batch.forEach((w, i) => {
              const o = outcomes[i];
              if (!o) w.reject(new Error('a batched call got no outcome'));
              else if (o.ok) w.resolve(o.value);
              else w.reject(o.error);
            }),
          (err: unknown) => batch.forEach((w) => w.reject(err)),
        )
        .finally(() => {
          this.inFlight--;
          this.drain();
        });
    }
  }
}
