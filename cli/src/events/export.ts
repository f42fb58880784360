import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { cliConfig, cliKafka, serde } from '../context';
import { progress } from '../progress';
import { matches, parseFilter } from './filter';
import { formatter, type Format } from './format';
import { parseBound, parseTopics, resolveRanges } from './range';
import { readRanges, type LogRecord } from './reader';
import { parquetOutput } from './parquet';
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
  if (opts.format !== 'jsonl' && opts.format !== 'csv' && opts.format !== 'parquet')
    throw new CliError(`--format "${opts.format}" is not supported: use jsonl, csv or parquet`);
  if (opts.format === 'parquet' && !opts.out) throw new CliError('--format parquet writes a file: give it with --out');
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
  const bar = progress(total, 'export');
  let exported = 0;
  const sink = opts.format === 'parquet' ? await parquetOutput(opts.out!) : await textOutput(opts.format as Format, opts.out);
  const read = await readRanges(kafka, config, serde(), ranges, {
    onRecord: async (r) => {
      if (!matches(filter, r)) return;
      exported++;
      await sink.row(r);
    },
    onProgress: (n) => bar.update(n),
  });
  bar.stop();
  await sink.close();
  return { exported, read };
}

/** JSON lines or CSV, to a file or stdout, waiting for the reader of a slow pipe. */
async function textOutput(format: Format, path: string | undefined) {
  const out: Writable = path ? createWriteStream(path) : process.stdout;
  const fmt = formatter(format);
  if (fmt.header) await write(out, fmt.header);
  return {
    row: (r: LogRecord) => write(out, fmt.line(r)),
    async close() {
      if (!path) return;
      out.end();
      await once(out, 'finish');
    },
  };
}
