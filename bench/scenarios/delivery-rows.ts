import { cpuOf, type Bench } from '../lib/bench';
import type { Latency } from '../lib/hdr';
import { fmt, type Row } from '../lib/report';
import type { Ceiling, Saturation } from '../lib/search';
import { e2eSearchBounds, type E2e, type Fanout, type Fed, type System } from './delivery-probes';

/** The bound of the e2e capacity: p99 from POST to the last socket. */
export const E2E_BOUND_MS = 100;
/** Issue #16's e2e capacity targets by socket count (msg/s within the bound). */
const E2E_TARGETS = new Map([
  [1000, 1000],
  [10_000, 500],
]);
/** What the search is scaled to at a socket count without a target. */
const E2E_DEFAULT = 500;

export const e2eTargetFor = (sockets: number) => E2E_TARGETS.get(sockets) ?? E2E_DEFAULT;

export interface Entry {
  /** By rate. */
  e2e: Map<number, E2e>;
  ceiling?: Ceiling<E2e>;
  /** Closed-loop HTTP publishers. */
  fanout?: Fanout;
  saturation?: Saturation<Fed>;
}

export type Results = Record<System, Map<number, Entry>>;

const trio = (l: Latency) => `${fmt.ms(l.p50)} / ${fmt.ms(l.p95)} / ${fmt.ms(l.p99)} ms`;

export function rows(
  b: Bench,
  counts: { e2eCounts: number[]; ceilingCounts: number[]; fanoutCounts: number[]; saturationCounts: number[] },
  results: Results,
): Row[] {
  const out: Row[] = [];
  for (const n of counts.e2eCounts) for (const rate of b.options.sizes.e2e.rates) fixedRow(out, n, rate, results);
  for (const n of counts.ceilingCounts) ceilingRow(out, n, results);
  for (const n of counts.fanoutCounts) {
    const ours = results.ours.get(n)?.fanout;
    const cf = results.centrifugo.get(n)?.fanout;
    if (ours) out.push(httpFanoutRow(n, ours, cf));
  }
  for (const n of counts.saturationCounts) {
    const rt = results.realtime.get(n)?.saturation;
    if (rt) out.push(saturationRow(n, rt, results.centrifugo.get(n)?.saturation));
  }
  return out;
}

function fixedRow(out: Row[], n: number, rate: number, results: Results) {
  const ours = results.ours.get(n)?.e2e.get(rate);
  const cf = results.centrifugo.get(n)?.e2e.get(rate);
  if (!ours) return;
  const targeted = n >= 10_000 && rate >= 1000;
  const lost = ours.missing;
  out.push({
    scenario: 'e2e',
    figure: `POST → all sockets, ${fmt.int(rate)} msg/s, ${fmt.int(n)} sockets, p50 / p95 / p99`,
    value: `${trio(ours.latency)}${lost > 0 ? ` (${fmt.int(lost)} of ${fmt.int(ours.expected)} not delivered)` : ''}${ours.duplicates ? ` (${fmt.int(ours.duplicates)} duplicates)` : ''}`,
    baseline: cf ? `Centrifugo ${trio(cf.latency)}` : '–',
    ratio: cf ? ours.latency.p99 / cf.latency.p99 : null,
    target: targeted ? 'p99 ≤ 50 ms' : 'p99 (ours ÷ Centrifugo)',
    better: 'lower',
    pass: targeted ? ours.latency.p99 <= 50 && lost === 0 && ours.duplicates === 0 : null,
    ...cpuOf(ours),
    data: { ours, centrifugo: cf },
  });
}

/** "1,000 msg/s (p99 62 ms; 1,400: 180 ms)": the rate that held and the next one tried that broke. */
function ceilingText(c: Ceiling<E2e>, max: number): string {
  const broke = c.broke && c.best && c.broke.rate > c.best.rate ? `; ${fmt.int(c.broke.rate)}: ${fmt.ms(c.broke.result.latency.p99)} ms` : '';
  if (c.best) return `${fmt.int(c.best.rate)} msg/s (p99 ${fmt.ms(c.best.result.latency.p99)} ms${broke}${c.best.rate >= max ? ', top of the search' : ''})`;
  const lowest = c.steps.reduce((a, s) => (s.rate < a.rate ? s : a));
  const missing = lowest.result.missing ? `, ${fmt.int(lowest.result.missing)} missing` : '';
  return `none held, down to ${fmt.int(lowest.rate)} msg/s (p99 ${fmt.ms(lowest.result.latency.p99)} ms${missing})`;
}

function ceilingRow(out: Row[], n: number, results: Results) {
  const ours = results.ours.get(n)?.ceiling;
  const cf = results.centrifugo.get(n)?.ceiling;
  if (!ours?.steps.length) return;
  const { max } = e2eSearchBounds(e2eTargetFor(n));
  const target = E2E_TARGETS.get(n);
  const shown = ours.best ?? ours.steps[0]!;
  out.push({
    scenario: 'e2e',
    figure: `capacity: highest rate with p99 (POST → every socket) ≤ ${E2E_BOUND_MS} ms, ${fmt.int(n)} sockets`,
    value: ceilingText(ours, max),
    baseline: cf?.steps.length ? `Centrifugo ${ceilingText(cf, max)}` : '–',
    // Rates that held are lower bounds of each capacity; none held counts as 0.
    ratio: cf?.best ? (ours.best?.rate ?? 0) / cf.best.rate : null,
    target: target ? `≥ ${fmt.int(target)} msg/s` : 'ours ÷ Centrifugo',
    better: 'higher',
    pass: target ? (ours.best?.rate ?? 0) >= target : null,
    ...cpuOf(shown.result),
    data: { ours: ceilingData(ours), centrifugo: cf && ceilingData(cf) },
  });
}

const ceilingData = (c: Ceiling<E2e>) => ({
  best: c.best?.rate ?? null,
  broke: c.broke?.rate ?? null,
  steps: c.steps.map((s) => ({ rate: s.rate, held: s.held, ...s.result })),
});

function httpFanoutRow(n: number, ours: Fanout, cf: Fanout | undefined): Row {
  return {
    scenario: 'fanout',
    figure: `deliveries/s to ${fmt.int(n)} sockets, HTTP-published`,
    value: `${fmt.int(ours.perSecond)} /s (${fmt.int(ours.published)} sent)`,
    baseline: cf ? `Centrifugo ${fmt.int(cf.perSecond)} /s (${fmt.int(cf.published)} sent)` : '–',
    ratio: cf ? ours.perSecond / cf.perSecond : null,
    target: 'ours ÷ Centrifugo',
    better: 'higher',
    pass: null,
    ...cpuOf(ours),
    data: { ours, centrifugo: cf },
  };
}

/** "45,000 /s (fed 5,000 msg/s)": the best step, whether the search reached saturation, sockets the server closed on the way. */
function saturationText(s: Saturation<Fed>): string {
  const closed = s.steps.reduce((n, x) => n + Object.values(x.result.closes).reduce((m, c) => m + c, 0), 0);
  return `${fmt.int(s.best.result.delivered)} /s (fed ${fmt.int(s.best.rate)} msg/s${s.saturated ? '' : ', not saturated at the top step'}${closed ? `, ${fmt.int(closed)} socket${closed === 1 ? '' : 's'} closed` : ''})`;
}

function saturationRow(n: number, ours: Saturation<Fed>, cf: Saturation<Fed> | undefined): Row {
  const ratio = cf ? ours.best.result.delivered / cf.best.result.delivered : null;
  const steps = (s: Saturation<Fed>) => s.steps.map((x) => ({ rate: x.rate, held: x.held, ...x.result }));
  return {
    scenario: 'fanout',
    figure: `deliveries/s capacity, ${fmt.int(n)} sockets (ours: realtime alone, fed onto Kafka; Centrifugo: /api/batch), offered rate doubled to saturation`,
    value: saturationText(ours),
    baseline: cf ? `Centrifugo ${saturationText(cf)}` : '–',
    ratio,
    target: '≥ 1.0 (ours ÷ Centrifugo)',
    better: 'higher',
    pass: ratio === null ? null : ratio >= 1,
    ...cpuOf(ours.best.result),
    data: { ours: { saturated: ours.saturated, steps: steps(ours) }, centrifugo: cf && { saturated: cf.saturated, steps: steps(cf) } },
  };
}
