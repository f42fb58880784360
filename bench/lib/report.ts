import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** One line of the table: a figure, its baseline from the same run, the ratio and the target. */
export interface Row {
  scenario: string;
  figure: string;
  /** What is shown, e.g. "12,340 msg/s" or "3.1 / 9.8 ms". */
  value: string;
  baseline: string;
  /** figure / baseline in the direction the target states (higher is better for throughput, ours/theirs for latency). */
  ratio: number | null;
  target: string;
  /** Which way the ratio improves; bench/compare infers it from the target and figure when absent. */
  better?: 'higher' | 'lower';
  pass: boolean | null;
  /** Cores used by the system under test and by the load generators during the measurement. */
  sutCpu?: number;
  loadCpu?: number;
  /** Cores used by Postgres (the run's backends and the server's workers), Kafka and Elasticsearch. */
  stackCpu?: { postgres: number; kafka: number; elasticsearch: number };
  /** Everything measured, for the JSON. */
  data?: Record<string, unknown>;
}

export const fmt = {
  int: (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–'),
  ms: (n: number) => (Number.isFinite(n) ? (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2)) : '–'),
  ratio: (n: number | null) => (n === null || !Number.isFinite(n) ? '–' : n >= 10 ? n.toFixed(1) : n.toFixed(2)),
  cores: (n: number | undefined) => (n === undefined || !Number.isFinite(n) ? '–' : n.toFixed(2)),
  kib: (bytes: number) => (Number.isFinite(bytes) ? `${(bytes / 1024).toFixed(1)} KiB` : '–'),
};

const HEADERS = ['scenario', 'figure', 'value', 'baseline (same run)', 'ratio', 'target', 'result', 'SUT cores', 'load cores', 'PG / Kafka / ES cores'];

function cells(r: Row): string[] {
  const result = r.pass === null ? 'info' : r.pass ? 'pass' : 'FAIL';
  const stack = r.stackCpu ? `${fmt.cores(r.stackCpu.postgres)} / ${fmt.cores(r.stackCpu.kafka)} / ${fmt.cores(r.stackCpu.elasticsearch)}` : '–';
  return [r.scenario, r.figure, r.value, r.baseline, fmt.ratio(r.ratio), r.target, result, fmt.cores(r.sutCpu), fmt.cores(r.loadCpu), stack];
}

export function printTable(rows: Row[]): string {
  const all = [HEADERS, ...rows.map(cells)];
  const widths = HEADERS.map((_, i) => Math.max(...all.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((x, i) => x.padEnd(widths[i]!)).join(' │ ');
  return [line(HEADERS), widths.map((w) => '─'.repeat(w)).join('─┼─'), ...rows.map((r) => line(cells(r)))].join('\n');
}

export function markdownTable(rows: Row[]): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  return [`| ${HEADERS.join(' | ')} |`, `| ${HEADERS.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${cells(r).map(esc).join(' | ')} |`)].join('\n');
}

export interface RunReport {
  startedAt: string;
  finishedAt: string;
  quick: boolean;
  only: string[];
  machine: Record<string, unknown>;
  sizes: unknown;
  notes: string[];
  rows: Row[];
}

/** Writes bench/results/<time>.json and a Markdown summary beside it; answers their paths. */
export function writeResults(dir: string, stamp: string, report: RunReport): { json: string; md: string } {
  mkdirSync(dir, { recursive: true });
  const json = join(dir, `${stamp}.json`);
  const md = join(dir, `${stamp}.md`);
  writeFileSync(json, JSON.stringify(report, null, 2));
  const m = report.machine as Record<string, string>;
  writeFileSync(
    md,
    [
      `Run of ${report.startedAt} (${report.quick ? 'quick' : 'full'} sizes${report.only.length ? `, only ${report.only.join(', ')}` : ''}), ` +
        `${m.cpus} × ${m.cpuModel}, ${m.memory}, Node ${m.node}, ${m.java}.`,
      '',
      markdownTable(report.rows),
      '',
      ...report.notes.map((n) => `- ${n}`),
      '',
    ].join('\n'),
  );
  return { json, md };
}
