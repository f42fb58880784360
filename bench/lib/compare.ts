import { fmt, type Row } from './report';

/** What bench/compare reads of a results file (bench/results/<time>.json). */
export interface Run {
  startedAt?: string;
  quick?: boolean;
  rows: Row[];
}

export type Better = 'higher' | 'lower';

/** A row of both runs (or of one), and how its figure moved. */
export interface Change {
  scenario: string;
  figure: string;
  before?: Row;
  after?: Row;
  better: Better;
  /** What was compared: the ratio when both runs have one, else the leading number of the value. */
  compared?: 'ratio' | 'value';
  from?: number;
  to?: number;
  /** (to − from) ÷ from, in %. */
  changePct?: number;
  /** Worse by more than the threshold, or no longer measured. */
  flagged: boolean;
}

/**
 * Which way a row's ratio improves: as the row says, or read from its target and figure
 * (results written before rows said it): "≥" is a floor, "≤" a ceiling, percentile, latency,
 * memory and lag figures are better lower, throughput higher.
 */
export function direction(r: Pick<Row, 'better' | 'target' | 'figure'>): Better {
  if (r.better) return r.better;
  const target = r.target.trim();
  if (target.startsWith('≥')) return 'higher';
  if (target.startsWith('≤') || /^p\d+\b/.test(target)) return 'lower';
  return /latency|memory|\blag\b|freshness|\bp\d+\b/i.test(r.figure) ? 'lower' : 'higher';
}

/** The leading number of a value such as "2,085 ms" or "11,054 /s (3,090 sent)"; undefined for "–" or "none held …". */
export function leadingNumber(value: string): number | undefined {
  const m = /^\s*(\d[\d,]*(?:\.\d+)?)/.exec(value);
  return m ? Number(m[1]!.replace(/,/g, '')) : undefined;
}

/**
 * Rows of two runs match by scenario and figure, the size of the data set left out: a figure
 * says over how many messages or events it was taken, which differs from run to run.
 */
export const keyOf = (r: Pick<Row, 'scenario' | 'figure'>) => `${r.scenario}\u0000${r.figure.replace(/\d[\d,]* (messages|events)\b/g, 'N $1')}`;
const NOT_MEASURED = 'not measured';

/** Matches the rows of two runs by scenario and figure; flags those worse by more than `threshold` (0.2: 20 %). */
export function compareRuns(before: Run, after: Run, threshold = 0.2): Change[] {
  const earlier = new Map(before.rows.map((r) => [keyOf(r), r]));
  const later = new Map(after.rows.map((r) => [keyOf(r), r]));
  const failedLater = new Set(after.rows.filter((r) => r.figure === NOT_MEASURED).map((r) => r.scenario));
  const keys = [...new Set([...earlier.keys(), ...later.keys()])];
  return keys.map((key) => {
    const [b, a] = [earlier.get(key), later.get(key)];
    const row = (a ?? b)!;
    const change: Change = { scenario: row.scenario, figure: row.figure, before: b, after: a, better: direction(row), flagged: false };
    if (!a || !b) {
      // A figure the earlier run had, from a scenario that failed in the later one.
      change.flagged = !a && failedLater.has(row.scenario);
      return change;
    }
    const pair: [number, number] | undefined = finite(b.ratio) && finite(a.ratio) ? [b.ratio, a.ratio] : pairOf(leadingNumber(b.value), leadingNumber(a.value));
    if (!pair) return change;
    const [from, to] = pair;
    change.compared = finite(b.ratio) && finite(a.ratio) ? 'ratio' : 'value';
    change.from = from;
    change.to = to;
    if (from !== 0) change.changePct = ((to - from) / Math.abs(from)) * 100;
    const worse = change.better === 'higher' ? from - to : to - from;
    change.flagged = from === 0 ? worse > 0 : worse / Math.abs(from) > threshold;
    return change;
  });
}

const finite = (n: number | null | undefined): n is number => typeof n === 'number' && Number.isFinite(n);
const pairOf = (x: number | undefined, y: number | undefined): [number, number] | undefined => (finite(x) && finite(y) ? [x, y] : undefined);

const HEADERS = ['scenario', 'figure', 'value before → after', 'ratio before → after', 'change', 'better', ''];

function cells(c: Change): string[] {
  const value = `${c.before?.value ?? '(absent)'} → ${c.after?.value ?? '(absent)'}`;
  const ratio = `${c.before ? fmt.ratio(c.before.ratio) : '–'} → ${c.after ? fmt.ratio(c.after.ratio) : '–'}`;
  const pct = c.changePct === undefined ? '–' : `${c.changePct >= 0 ? '+' : ''}${c.changePct.toFixed(1)} %${c.compared === 'value' ? ' (value)' : ''}`;
  const mark = c.flagged ? (c.changePct === undefined ? 'FLAG: no longer measured' : 'FLAG: worse by more than the threshold') : '';
  return [c.scenario, c.figure, value, ratio, pct, c.better, mark];
}

/** The comparison as a table, one line per row of either run. */
export function formatChanges(changes: Change[]): string {
  const all = [HEADERS, ...changes.map(cells)];
  const widths = HEADERS.map((_, i) => Math.max(...all.map((c) => c[i]!.length)));
  const line = (c: string[]) =>
    c
      .map((x, i) => x.padEnd(widths[i]!))
      .join(' │ ')
      .trimEnd();
  return [line(HEADERS), widths.map((w) => '─'.repeat(w)).join('─┼─'), ...changes.map((c) => line(cells(c)))].join('\n');
}
