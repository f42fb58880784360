import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { cpuMsOf } from './proc';

/** The process listening on a TCP port of this machine, found through /proc. */
export function listenerPid(port: number): number | undefined {
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes = new Set<string>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f[1]?.endsWith(`:${hex}`) && f[3] === '0A') inodes.add(f[9]!);
    }
  }
  if (!inodes.size) return undefined;
  for (const pid of pids()) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m && inodes.has(m[1]!)) return pid;
      } catch {
        // gone meanwhile
      }
    }
  }
  return undefined;
}

function pids(): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number);
}

function read(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function parentOf(pid: number): number {
  const stat = read(`/proc/${pid}/stat`);
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

export interface StackPids {
  postmaster?: number;
  kafka?: number;
  elasticsearch?: number;
  /** Only this database's backends (and the server's own workers) count as Postgres. */
  database: string;
}

export function findStack(ports: { postgres: number; kafka: number; elasticsearch: number }, database: string): StackPids {
  return { postmaster: listenerPid(ports.postgres), kafka: listenerPid(ports.kafka), elasticsearch: listenerPid(ports.elasticsearch), database };
}

/** Postgres processes working for the run: the postmaster, its background workers and the run database's backends. */
function postgresPids(s: StackPids): number[] {
  if (!s.postmaster) return [];
  const out = [s.postmaster];
  for (const pid of pids()) {
    if (parentOf(pid) !== s.postmaster) continue;
    const cmd = read(`/proc/${pid}/cmdline`).replace(/\0/g, ' ');
    // Backends name their database; background workers (walwriter, checkpointer …) do not.
    const backend = /\(\d+\)|\[local\]/.test(cmd);
    if (!backend || cmd.includes(` ${s.database} `)) out.push(pid);
  }
  return out;
}

export interface StackCpu {
  postgres: number;
  kafka: number;
  elasticsearch: number;
}

/** Cores used by Postgres, Kafka and Elasticsearch between begin() and end(). */
export class StackMeter {
  private start = new Map<number, number>();
  private startedAt = 0;

  constructor(private readonly s: StackPids) {}

  private groups(): Record<keyof StackCpu, number[]> {
    return { postgres: postgresPids(this.s), kafka: this.s.kafka ? [this.s.kafka] : [], elasticsearch: this.s.elasticsearch ? [this.s.elasticsearch] : [] };
  }

  begin(): this {
    this.startedAt = performance.now();
    for (const list of Object.values(this.groups())) for (const pid of list) this.start.set(pid, safe(pid));
    return this;
  }

  end(): StackCpu {
    const wall = performance.now() - this.startedAt;
    const out: StackCpu = { postgres: 0, kafka: 0, elasticsearch: 0 };
    for (const [name, list] of Object.entries(this.groups()) as [keyof StackCpu, number[]][]) {
      // A backend that started during the window counts from zero; one that ended is lost.
      for (const pid of list) out[name] += (safe(pid) - (this.start.get(pid) ?? 0)) / wall;
    }
    return out;
  }
}

function safe(pid: number): number {
  try {
    return cpuMsOf(pid);
  } catch {
    return 0;
  }
}
