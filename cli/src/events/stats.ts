import { cliConfig, cliKafka, serde } from '../context';
import { progress } from '../progress';
import { parseBound, parseTopics, resolveRanges } from './range';
import { readRanges } from './reader';

export interface StatsOptions {
  topic?: string;
  since?: string;
  until?: string;
}

/** Counts events by type and UTC day over the chosen slice of the log. */
export async function eventStats(opts: StatsOptions): Promise<Map<string, Map<string, number>>> {
  const config = cliConfig();
  const kafka = cliKafka(config);
  const admin = kafka.admin();
  await admin.connect();
  const ranges = await resolveRanges(admin, config, parseTopics(opts.topic), parseBound('--since', opts.since), parseBound('--until', opts.until)).finally(() =>
    admin.disconnect(),
  );
  const bar = progress(
    ranges.reduce((n, r) => n + Number(r.end - r.start), 0),
    'stats',
  );
  const counts = new Map<string, Map<string, number>>();
  await readRanges(kafka, config, serde(), ranges, {
    onRecord: (r) => {
      const day = new Date(r.event.occurredAt).toISOString().slice(0, 10);
      const byDay = counts.get(r.event.type) ?? new Map<string, number>();
      byDay.set(day, (byDay.get(day) ?? 0) + 1);
      counts.set(r.event.type, byDay);
    },
    onProgress: (n) => bar.update(n),
  });
  bar.stop();
  return counts;
}

export function renderStats(counts: Map<string, Map<string, number>>): string {
  const days = [...new Set([...counts.values()].flatMap((m) => [...m.keys()]))].sort();
  const types = [...counts.keys()].sort();
  const rows = [['type', ...days, 'total']];
  for (const t of types) {
    const m = counts.get(t)!;
    rows.push([t, ...days.map((d) => String(m.get(d) ?? 0)), String([...m.values()].reduce((a, b) => a + b, 0))]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')).join('\n') + '\n';
}
