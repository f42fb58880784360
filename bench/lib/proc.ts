import { readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

/** Resident set size of a process in bytes (VmRSS). */
export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = /VmRSS:\s+(\d+) kB/.exec(status);
  return m ? Number(m[1]) * 1024 : NaN;
}

/** CPU time (user + system) a process has used, in ms. */
export function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may contain spaces) start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

/** Measures the CPU a set of processes uses between start() and stop(), as cores busy. */
export class CpuMeter {
  private readonly start = new Map<number, number>();
  private startedAt = 0;

  constructor(private readonly pids: number[]) {}

  begin(): this {
    this.startedAt = performance.now();
    for (const pid of this.pids) this.start.set(pid, safeCpu(pid));
    return this;
  }

  /** Cores used on average since begin(). */
  end(): number {
    const wall = performance.now() - this.startedAt;
    let used = 0;
    for (const pid of this.pids) used += safeCpu(pid) - (this.start.get(pid) ?? 0);
    return wall > 0 ? used / wall : 0;
  }
}

function safeCpu(pid: number): number {
  try {
    return cpuMsOf(pid);
  } catch {
    return 0;
  }
}

export { freePort } from '@groupchat/test-kit';

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `check` until it returns true, or throws after `timeoutMs` naming `what`. */
export async function waitUntil(what: string, check: () => Promise<boolean> | boolean, timeoutMs: number, intervalMs = 250): Promise<number> {
  const started = performance.now();
  for (;;) {
    if (await check()) return performance.now() - started;
    if (performance.now() - started > timeoutMs) throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`);
    await sleep(intervalMs);
  }
}
