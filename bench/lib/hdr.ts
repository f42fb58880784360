import * as hdr from 'hdr-histogram-js';

export type Histogram = hdr.Histogram;

/** Microsecond latencies from 1 µs to 10 minutes, 3 significant digits. */
export function histogram(): Histogram {
  return hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 600_000_000, numberOfSignificantValueDigits: 3, bitBucketSize: 32 });
}

/** Records a latency given in milliseconds (fractions allowed); clamps to the trackable range. */
export function recordMs(h: Histogram, ms: number): void {
  h.recordValue(Math.min(599_999_999, Math.max(1, Math.round(ms * 1000))));
}

export function encode(h: Histogram): string {
  return hdr.encodeIntoCompressedBase64(h);
}

export function merge(encoded: string[]): Histogram {
  const total = histogram();
  for (const e of encoded) total.add(hdr.decodeFromCompressedBase64(e, 32));
  return total;
}

export interface Latency {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  p999: number;
  max: number;
  mean: number;
}

/** Percentiles in milliseconds. */
export function summarize(h: Histogram): Latency {
  const ms = (us: number) => Math.round(us) / 1000;
  if (!h.totalCount) return { count: 0, p50: NaN, p95: NaN, p99: NaN, p999: NaN, max: NaN, mean: NaN };
  return {
    count: h.totalCount,
    p50: ms(h.getValueAtPercentile(50)),
    p95: ms(h.getValueAtPercentile(95)),
    p99: ms(h.getValueAtPercentile(99)),
    p999: ms(h.getValueAtPercentile(99.9)),
    max: ms(h.maxValue),
    mean: ms(h.mean),
  };
}

/** Wall clock in milliseconds with sub-millisecond resolution, comparable across processes on one host. */
export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}
