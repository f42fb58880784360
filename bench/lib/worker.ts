import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));

interface Reply {
  id: number;
  ok: boolean;
  result?: unknown;
  error?: string;
  /** CPU time the worker process used while it handled this call, in ms. */
  cpuMs: number;
}

/** A wrapper that raises the open-files limit as far as the container allows, then execs. */
export function withFdLimit(command: string[]): string[] {
  const quoted = command.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  return ['bash', '-c', `ulimit -n 200000 2>/dev/null || ulimit -n "$(ulimit -Hn)"; exec ${quoted}`];
}

/**
 * A load generator: its own Node process (`bench/load/<name>.ts`), driven over IPC with
 * request/reply calls. Every reply says how much CPU the worker spent on that call.
 */
export class Worker {
  private next = 1;
  private readonly pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();
  private exited = false;

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
  ) {
    child.on('message', (m: Reply) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      p.resolve(m);
    });
    child.on('exit', (code, signal) => {
      this.exited = true;
      for (const p of this.pending.values()) p.reject(new Error(`load worker ${name} exited (${code ?? signal}) during a call`));
      this.pending.clear();
    });
  }

  static async spawn(script: string, label = script): Promise<Worker> {
    const file = join(REPO, 'bench', 'load', `${script}.ts`);
    const [cmd, ...args] = withFdLimit([process.execPath, '--max-old-space-size=4096', '--import', 'tsx', file]);
    const child = spawn(cmd!, args, { cwd: REPO, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const worker = new Worker(label, child);
    await worker.call('ping', {}, 60_000);
    return worker;
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Calls `cmd` in the worker; rejects with the worker's error or after `timeoutMs`. */
  async call<T>(cmd: string, args: unknown = {}, timeoutMs = 600_000): Promise<T & { cpuMs: number }> {
    if (this.exited) throw new Error(`load worker ${this.name} is gone`);
    const id = this.next++;
    const reply = await new Promise<Reply>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`load worker ${this.name}: ${cmd} took longer than ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (r) => (clearTimeout(timer), resolve(r)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
      this.child.send({ id, cmd, args });
    });
    if (!reply.ok) throw new Error(`load worker ${this.name}: ${cmd} failed: ${reply.error}`);
    return { ...(reply.result as T), cpuMs: reply.cpuMs };
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.disconnect();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await gone;
    clearTimeout(timer);
  }
}

export async function stopAll(workers: Worker[]): Promise<void> {
  await Promise.allSettled(workers.map((w) => w.stop()));
}

type Handler = (args: never) => unknown;

/** The worker side: answers calls by name; leaves when the bench process goes away. */
export function serveCalls(handlers: Record<string, Handler>): void {
  const all: Record<string, Handler> = { ping: () => ({ pid: process.pid }), ...handlers };
  process.on('disconnect', () => process.exit(0));
  process.on('message', async (m: { id: number; cmd: string; args: never }) => {
    const before = process.cpuUsage();
    try {
      const handler = all[m.cmd];
      if (!handler) throw new Error(`unknown call ${m.cmd}`);
      const result = await handler(m.args);
      const used = process.cpuUsage(before);
      process.send!({ id: m.id, ok: true, result: result ?? {}, cpuMs: (used.user + used.system) / 1000 });
    } catch (err) {
      const used = process.cpuUsage(before);
      process.send!({ id: m.id, ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err), cpuMs: (used.user + used.system) / 1000 });
    }
  });
}

/** CPU of this process since `since` (ms), for figures measured between two calls. */
export function cpuMsSince(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}
