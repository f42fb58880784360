// `npm run bench:compare -- A.json B.json` (or `bench/compare A.json B.json`): each row's value and
// ratio in run A and run B, the change in %, and a flag on every figure worse by more than 20 %
// in the direction its target gives; exits 1 when any is flagged.
import { readFileSync } from 'node:fs';
import { compareRuns, formatChanges, type Run } from './lib/compare';

const USAGE = 'usage: bench/compare <before.json> <after.json> [--threshold <percent>]   (files from bench/results/)';

function parse(argv: string[]): { files: string[]; threshold: number } {
  const files: string[] = [];
  let threshold = 20;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--threshold') threshold = Number(argv[++i]);
    else if (a === '--help' || a === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else files.push(a);
  }
  if (files.length !== 2 || !(threshold > 0)) {
    console.error(USAGE);
    process.exit(2);
  }
  return { files, threshold };
}

function read(file: string): Run {
  const run = JSON.parse(readFileSync(file, 'utf8')) as Partial<Run>;
  if (!Array.isArray(run.rows)) throw new Error(`${file} is not a bench results file (no rows)`);
  return run as Run;
}

const { files, threshold } = parse(process.argv.slice(2));
const [before, after] = files.map(read) as [Run, Run];
const changes = compareRuns(before, after, threshold / 100);
const flagged = changes.filter((c) => c.flagged);
const label = (file: string, run: Run) => `${file} (${run.startedAt ?? '?'}, ${run.quick ? 'quick' : 'full'} sizes)`;
console.log(`before: ${label(files[0]!, before)}\nafter:  ${label(files[1]!, after)}\n`);
console.log(formatChanges(changes));
console.log(
  `\n${flagged.length ? `${flagged.length} figure(s) worse by more than ${threshold} % or no longer measured` : `no figure worse by more than ${threshold} %`}`,
);
process.exitCode = flagged.length ? 1 : 0;
