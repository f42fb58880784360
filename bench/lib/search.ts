/** One measured step of a search over offered rates. */
export interface Step<T> {
  rate: number;
  held: boolean;
  result: T;
}

export interface Ceiling<T> {
  /** The highest rate that held; undefined when none of the rates tried did. */
  best?: Step<T>;
  /** The lowest rate that did not hold; undefined when every rate tried held. */
  broke?: Step<T>;
  steps: Step<T>[];
}

export interface CeilingOptions {
  /** The first rate tried (the target, so the answer to "is it met?" comes first). */
  start: number;
  /** No rate below this is tried: the search stops when halving would go under it. */
  min: number;
  /** No rate above this is tried: the search stops when `max` holds. */
  max: number;
  maxSteps: number;
  /** Bisection stops when the rate that broke is within this factor of the one that held. */
  resolution?: number;
}

/**
 * The highest rate at which `probe` holds: from `start`, doubling while it holds and halving
 * while it does not, then bisecting between the highest rate that held and the lowest that
 * broke, until they are within `resolution` of each other or `maxSteps` probes are spent.
 */
export async function highestHolding<T>(probe: (rate: number) => Promise<{ held: boolean; result: T }>, o: CeilingOptions): Promise<Ceiling<T>> {
  const resolution = o.resolution ?? 1.25;
  const out: Ceiling<T> = { steps: [] };
  let rate: number | undefined = o.start;
  while (rate !== undefined && out.steps.length < o.maxSteps) {
    const step = { rate, ...(await probe(rate)) };
    out.steps.push(step);
    if (step.held) out.best = step;
    else out.broke = step;
    rate = nextRate(out, o, resolution);
  }
  return out;
}

function nextRate<T>({ best, broke }: Ceiling<T>, o: CeilingOptions, resolution: number): number | undefined {
  if (best && broke) return broke.rate / best.rate <= resolution ? undefined : round2(Math.sqrt(best.rate * broke.rate));
  if (best) return best.rate >= o.max ? undefined : Math.min(o.max, best.rate * 2);
  const half = round2(broke!.rate / 2);
  return half < o.min ? undefined : half;
}

/** Two significant digits: rates a reader can repeat (350, not 353.55). */
function round2(n: number): number {
  const scale = 10 ** Math.max(0, Math.floor(Math.log10(n)) - 1);
  return Math.round(n / scale) * scale;
}

export interface Delivered {
  /** Deliveries per second the system was offered (messages actually sent × recipients). */
  offered: number;
  /** Deliveries per second that reached the sockets within the window. */
  delivered: number;
}

export interface Saturation<T extends Delivered> {
  /** The step that delivered most: the capacity. */
  best: Step<T>;
  /** False when the last rate was still delivered in full and more: the capacity is at least `best`. */
  saturated: boolean;
  steps: Step<T>[];
}

/**
 * Raises the offered rate (doubling from `start`) until the delivered rate stops growing: it
 * falls below `keep` of what was offered, or gains less than `gain` over the best step so far.
 * When `start` is already past capacity (a busy box), halves it instead, down to `floor`, until
 * a rate is delivered in full. The capacity is the best delivered rate of any step.
 */
export async function saturate<T extends Delivered>(
  probe: (rate: number) => Promise<T>,
  { start, maxSteps, keep = 0.9, gain = 1.05, floor = start / 4 }: { start: number; maxSteps: number; keep?: number; gain?: number; floor?: number },
): Promise<Saturation<T>> {
  const steps: Step<T>[] = [];
  let best: Step<T> | undefined;
  let rate = start;
  let falling = false;
  while (steps.length < maxSteps) {
    const result = await probe(rate);
    const kept = result.delivered >= result.offered * keep;
    const grew = falling || !best || result.delivered >= best.result.delivered * gain;
    const step = { rate, held: kept && grew, result };
    steps.push(step);
    if (!best || result.delivered > best.result.delivered) best = step;
    // Rising: keeping up, so offer more. Falling: the first rate that holds ends the search.
    if (step.held && !falling) rate *= 2;
    else if (step.held) break;
    // Fell behind after keeping up: saturated.
    else if (steps.length > 1 && !falling) break;
    else if (rate / 2 < floor) break;
    else {
      falling = true;
      rate /= 2;
    }
  }
  return { best: best!, saturated: steps.some((s) => !s.held), steps };
}
