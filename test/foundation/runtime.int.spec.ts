import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NODE_MAJOR, NODE_VERSION, nodeHome } from '../../scripts/node-runtime.mjs';

const repo = new URL('../../', import.meta.url).pathname;
const pinned = join(nodeHome(), 'bin', 'node');
const major = (node: string) => Number(spawnSync(node, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.split('.')[0]);

/** A Node older than the project's on this machine (the system one, on a machine like the reference box), if there is one. */
const older = [...(process.env.PATH ?? '').split(delimiter), '/usr/bin', '/usr/local/bin']
  .map((dir) => join(dir, 'node'))
  .find((node) => existsSync(node) && major(node) < NODE_MAJOR);

/** Every Node process started below writes which Node it is and what leads its PATH, e.g. `@v24.22.3:/root/.cache/…/bin;`. */
const PROBE = `--import=data:text/javascript,process.stderr.write('@'+process.version+':'+process.env.PATH.split('${delimiter}')[0]+';')`;
const probed = (stderr: string) => [...stderr.matchAll(/@(v[\d.]+):([^;]*);/g)].map((m) => ({ version: m[1], path: m[2] }));

/** Runs a command as a fresh shell would, with the older Node first in PATH and the pinned one not in it. */
function runWithOlderNode(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const PATH = [dirname(older!), ...(process.env.PATH ?? '').split(delimiter).filter((dir) => dir !== dirname(pinned))].join(delimiter);
  const child = spawn(older!, args, { cwd: repo, env: { ...process.env, PATH, NODE_OPTIONS: PROBE }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe.skipIf(!older)(`with an older system Node (${older ?? 'none on this machine'})`, () => {
  const handedOver = (stderr: string) => {
    const [first, ...rest] = probed(stderr);
    // The older Node starts, and every Node after it is the pinned one, first in PATH.
    expect(first?.version).not.toBe(`v${NODE_VERSION}`);
    expect(rest.length).toBeGreaterThan(0);
    for (const p of rest) expect(p).toEqual({ version: `v${NODE_VERSION}`, path: dirname(pinned) });
  };

  it(`npm's commands run under the pinned Node ${NODE_VERSION} from the download cache`, async () => {
    const { code, stderr } = await runWithOlderNode(['scripts/bootstrap.mjs', 'stack', 'status']);
    expect(stderr).toContain(`[stack] node v${NODE_VERSION} (${pinned})`);
    handedOver(stderr);
    expect(code).toBe(0);
  });

  it('the CLI runs under it too', async () => {
    const { code, stdout, stderr } = await runWithOlderNode(['cli/bin/groupchat.mjs', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('projections');
    handedOver(stderr);
  });
});
