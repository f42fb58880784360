import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { cliConfig, cliKafka, serde } from '../context';
import { progress } from '../progress';
import { matches, parseFilter } from './filter';
import { formatter, type Format } from './format';
import { parseBound, parseTopics, resolveRanges } from './range';
import { readRanges } from './reader';
import { CliError } from '../context';

export interface ExportOptions {
  topic?: string;
  since?: string;
  until?: string;
  type?: string;
  group?: string;
  format: string;
  out?: string;
}

async function write(out: Writable, chunk: string) {
  if (!out.write(chunk)) await once(out, 'drain');
}

/** Streams the chosen slice of the log, decoded, to a file or stdout. */
export async function exportEvents(opts: ExportOptions): Promise<{ exported: number; read: number }> {
  if (opts.format !== 'jsonl' && opts.format !== 'csv') throw new CliError(`--format "${opts.format}" is not supported: use jsonl or csv`);
  const topics = parseTopics(opts.topic);
  const since = parseBound('--since', opts.since);
  const until = parseBound('--until', opts.until);
  const filter = parseFilter(opts.type, opts.group);
  const config = cliConfig();
  const kafka = cliKafka(config);
  const admin = kafka.admin();
  await admin.connect();
  const ranges = await resolveRanges(admin, config, topics, since, until).finally(() => admin.disconnect());
  const total = ranges.reduce((n, r) => n + Number(r.end - r.start), 0);
  const out: Writable = opts.out ? createWriteStream(opts.out) : process.stdout;
  const fmt = formatter(opts.format as Format);
  if (fmt.header) await write(out, fmt.header);
  const bar = progress(total, 'export');
  let exported = 0;
  const read = await readRanges(kafka, config, serde(), ranges, {
    onRecord: async (r) => {
      if (!matches(filter, r)) return;
      exported++;
      await write(out, fmt.line(r));
    },
    onProgress: (n) => bar.update(n),
  });
  bar.stop();
  if (opts.out) {
    out.end();
    await once(out, 'finish');
  }
  return { exported, read };
}
