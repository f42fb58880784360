import { Command, InvalidArgumentError } from 'commander';
import { CliError, cliConfig, explain } from './context';
import { exportEvents } from './events/export';
import { eventStats, renderStats } from './events/stats';
import { tailEvents } from './events/tail';
import { deadLetterList, deadLetterRetry, listProjections, projectionsStatus, rebuildProjection } from './projections/commands';
import { renderReplay, replay } from './projections/replay';

const program = new Command();
program.name('groupchat').description('GroupChat operations: export and replay event history, run projections').showHelpAfterError();

const positiveInt = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('must be a positive integer');
  return n;
};

const events = program.command('events').description('read the event log');
events
  .command('export')
  .description('export events decoded through the schemas, streaming in constant memory')
  .option('--topic <topics>', 'users, groups, messages (comma-separated; default all)')
  .option('--since <time|position>', 'start at this time (ISO 8601) or after this position (e.g. m.3.1041)')
  .option('--until <time|position>', 'stop before this time, or at this position (inclusive)')
  .option('--type <types>', 'only these event types (comma-separated)')
  .option('--group <groupId>', 'only events of this group')
  .option('--format <format>', 'jsonl, csv or parquet (parquet needs --out)', 'jsonl')
  .option('--out <file>', 'write to this file instead of stdout')
  .action(async (opts) => {
    const { exported, read } = await exportEvents(opts);
    process.stderr.write(`exported ${exported} of ${read} events${opts.out ? ` to ${opts.out}` : ''}\n`);
  });
events
  .command('tail')
  .description('follow new events live')
  .option('--topic <topics>', 'users, groups, messages (comma-separated; default all)')
  .option('--type <types>', 'only these event types')
  .option('--group <groupId>', 'only events of this group')
  .option('--format <format>', 'jsonl or csv', 'jsonl')
  .option('--limit <n>', 'stop after n events', positiveInt)
  .action(async (opts) => {
    await tailEvents(opts);
  });
events
  .command('stats')
  .description('count events by type and day')
  .option('--topic <topics>', 'users, groups, messages (comma-separated; default all)')
  .option('--since <time|position>', 'from this time or position')
  .option('--until <time|position>', 'until this time or position')
  .action(async (opts) => {
    process.stdout.write(renderStats(await eventStats(opts)));
  });

const nonNegativeInt = (v: string) => {
  const n = Number(v);
  if (!/^\d+$/.test(v) || !Number.isSafeInteger(n)) throw new InvalidArgumentError('must be an offset (a non-negative integer)');
  return n;
};

const projectionsCmd = program.command('projections').description('inspect and operate the projections (read models)');
projectionsCmd
  .command('list')
  .description('registered projections (name, version, storage, topics) and their builds in the registry with status')
  .action(async () => {
    process.stdout.write(await listProjections());
  });
projectionsCmd
  .command('status')
  .description('lag of every build, in total and per partition')
  .argument('[name]', 'only this projection')
  .action(async (name?: string) => {
    process.stdout.write(await projectionsStatus(name));
  });
projectionsCmd
  .command('rebuild')
  .description('build the projection again from offset 0 beside the live build; readers switch when it has caught up')
  .argument('<name>', 'the projection')
  .option('--no-wait', 'only request the rebuild (a running projector builds it) instead of running it here until it is live')
  .action(async (name: string, opts: { wait: boolean }) => {
    process.stdout.write(await rebuildProjection(name, opts.wait));
  });
const dlq = projectionsCmd.command('dlq').description('events a projection could not apply (the dead-letter topic)');
dlq
  .command('list')
  .description('dead letters, oldest first, with the offset to retry them by')
  .option('--projection <name>', 'only this projection')
  .action(async (opts: { projection?: string }) => {
    process.stdout.write(await deadLetterList(opts.projection));
  });
dlq
  .command('retry')
  .description("apply a dead letter again to its projection's live build (after the handler or the data was fixed)")
  .argument('<offset>', 'offset of the dead letter (see dlq list)', nonNegativeInt)
  .action(async (offset: number) => {
    process.stdout.write(await deadLetterRetry(offset));
  });

program
  .command('replay')
  .description(
    'build a Postgres projection as it stood at a time into a separate schema beside the live one (printed), for analysis; ' +
      'Elasticsearch projections are refused (export their events with "events export --until" instead)',
  )
  .requiredOption('--until <time>', 'apply every event recorded before this time (ISO 8601, e.g. 2026-11-01T12:00:00Z, or epoch ms)')
  .requiredOption('--projection <name>', 'the Postgres projection to build (e.g. groups, messages, users, analytics)')
  .action(async (opts: { until: string; projection: string }) => {
    process.stdout.write(renderReplay(await replay(opts)));
  });

export { program };

program.parseAsync(process.argv).then(
  () => process.exit(0),
  (err: unknown) => {
    let config;
    try {
      config = cliConfig();
    } catch {
      /* configuration itself is the problem */
    }
    process.stderr.write(`groupchat: ${explain(err, config)}\n`);
    process.exit(err instanceof CliError ? 2 : 1);
  },
);
