import { Command, InvalidArgumentError } from 'commander';
import { CliError, cliConfig, explain } from './context';
import { exportEvents } from './events/export';
import { eventStats, renderStats } from './events/stats';
import { tailEvents } from './events/tail';

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
  .option('--format <format>', 'jsonl or csv', 'jsonl')
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
