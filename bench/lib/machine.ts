import { spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';

function run(cmd: string, args: string[]): string {
  // `java -version` answers on stderr.
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return (r.stdout || r.stderr || '').trim();
}

/** What the figures were measured on. */
export function describeMachine(): Record<string, string | number> {
  const lscpu = run('lscpu', []);
  const model = /^Model name:\s*(.+)$/m.exec(lscpu)?.[1] ?? cpus()[0]?.model ?? 'unknown';
  const java = run('java', ['-version']).split('\n')[0] ?? 'unknown';
  return {
    cpus: Number(run('nproc', [])) || cpus().length,
    cpuModel: model,
    memory: `${Math.round(totalmem() / 2 ** 30)} GiB`,
    node: process.version,
    java,
    kernel: run('uname', ['-r']),
    openFilesLimit: run('bash', ['-c', 'ulimit -Hn']),
  };
}
