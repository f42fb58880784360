import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { compareRuns, direction, keyOf, leadingNumber, type Run } from '../lib/compare';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const load = (name: string) => JSON.parse(readFileSync(fixture(name), 'utf8')) as Run;
const byScenario = (changes: ReturnType<typeof compareRuns>, scenario: string, figure?: string) =>
  changes.find((c) => c.scenario === scenario && (figure === undefined || c.figure.startsWith(figure)))!;

describe('bench/compare', () => {
  const changes = compareRuns(load('before.json'), load('after.json'));

  it('flags a ratio that is better higher when it falls by more than 20 %', () => {
    const c = byScenario(changes, 'ingest');
    expect([c.compared, c.from, c.to, c.better, c.flagged]).toEqual(['ratio', 0.05, 0.035, 'higher', true]);
    expect(c.changePct).toBeCloseTo(-30, 5);
  });

  it('flags a ratio that is better lower when it rises by more than 20 %, and not when it falls', () => {
    expect(byScenario(changes, 'connections')).toMatchObject({ better: 'lower', flagged: true });
    const e2e = byScenario(changes, 'e2e', 'POST');
    expect([e2e.better, e2e.flagged]).toEqual(['lower', false]);
    expect(e2e.changePct).toBeCloseTo(-40, 5);
  });

  it('does not flag a change within 20 %', () => {
    expect(byScenario(changes, 'fanout')).toMatchObject({ compared: 'ratio', flagged: false });
  });

  it('compares the values of rows without a ratio, in the direction of their target', () => {
    const lag = byScenario(changes, 'projections');
    expect([lag.compared, lag.from, lag.to, lag.better, lag.flagged]).toEqual(['value', 2000, 2300, 'lower', false]);
  });

  it('flags a figure whose scenario failed in the later run, and lists rows of one run only unflagged', () => {
    expect(byScenario(changes, 'queries', 'history')).toMatchObject({ after: undefined, flagged: true });
    expect(byScenario(changes, 'rebuild')).toMatchObject({ after: undefined, flagged: false });
    expect(byScenario(changes, 'e2e', 'capacity')).toMatchObject({ before: undefined, flagged: false });
  });

  it('matches rows taken over data sets of different sizes, and keeps rows at different rates apart', () => {
    const history = (n: string) => keyOf({ scenario: 'queries', figure: `history page p50 / p99, 200/s, ${n} messages` });
    expect(history('123,854')).toBe(history('147,334'));
    const rebuild = (n: string) => keyOf({ scenario: 'rebuild', figure: `Postgres: messages + timeline rebuilt over ${n} events` });
    expect(rebuild('123,854')).toBe(rebuild('20,000'));
    const e2e = (rate: string) => keyOf({ scenario: 'e2e', figure: `POST → all sockets, ${rate} msg/s, 1,000 sockets, p50 / p95 / p99` });
    expect(e2e('200')).not.toBe(e2e('1,000'));
  });

  it('reads the direction from the row, else from its target and figure', () => {
    expect(direction({ better: 'lower', target: '≥ 1', figure: 'x' })).toBe('lower');
    expect(direction({ target: 'p99 (API ÷ direct)', figure: 'history page' })).toBe('lower');
    expect(direction({ target: 'ours ÷ Centrifugo', figure: 'memory per idle socket' })).toBe('lower');
    expect(direction({ target: 'ours ÷ Centrifugo', figure: 'deliveries/s to 1,000 sockets' })).toBe('higher');
    expect([leadingNumber('11,054 /s (3,090 sent)'), leadingNumber('none held down to 62 msg/s'), leadingNumber('–')]).toEqual([11054, undefined, undefined]);
  });

  it('prints the table and exits 1 when a figure is flagged, 0 when none is', async () => {
    const run = promisify(execFile);
    const cli = fileURLToPath(new URL('../compare', import.meta.url));
    const failed = await run(cli, [fixture('before.json'), fixture('after.json')]).then(
      () => undefined,
      (err: { code: number; stdout: string }) => err,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stdout).toMatch(/ingest .*0\.05 → 0\.04 .*-30\.0 %.*FLAG/);
    const same = await run(cli, [fixture('before.json'), fixture('before.json')]);
    expect(same.stdout).toContain('no figure worse by more than 20 %');
    // Two tsx processes: slow to start on a busy box.
  }, 60_000);
});
