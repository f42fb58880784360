import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { rssBytes, waitUntil } from './proc';
import { withFdLimit } from './worker';

/** A server the bench starts (GroupChat or Centrifugo): its output goes to a log file; it is stopped with SIGTERM. */
export class ServerProcess {
  private exited = false;

  private constructor(
    readonly label: string,
    readonly logFile: string,
    private readonly child: ChildProcess,
  ) {
    child.on('exit', () => (this.exited = true));
  }

  /** Starts `command` with the open-files limit raised as far as allowed. */
  static spawn(label: string, command: string[], { logFile, env, cwd }: { logFile: string; env?: NodeJS.ProcessEnv; cwd?: string }): ServerProcess {
    const [cmd, ...args] = withFdLimit(command);
    const log = createWriteStream(logFile, { flags: 'a' });
    const child = spawn(cmd!, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.pipe(log, { end: false });
    child.stderr!.pipe(log, { end: false });
    child.on('exit', () => log.end());
    return new ServerProcess(label, logFile, child);
  }

  /** Polls `ready` until it answers true; fails early if the process exits. */
  async waitReady(ready: () => Promise<boolean>, timeoutMs: number, intervalMs = 250): Promise<void> {
    await waitUntil(
      `${this.label} to be ready (log: ${this.logFile})`,
      async () => {
        if (this.exited) throw new Error(`${this.label} exited during start; see ${this.logFile}`);
        return ready().catch(() => false);
      },
      timeoutMs,
      intervalMs,
    );
  }

  get pid(): number {
    return this.child.pid!;
  }

  get alive(): boolean {
    return !this.exited;
  }

  rss(): number {
    return rssBytes(this.pid);
  }

  async stop(killAfterMs = 25_000): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), killAfterMs);
    await gone;
    clearTimeout(timer);
  }
}

/** A server on 127.0.0.1 run by the bench, with what the scenarios ask of it. */
export abstract class LocalServer {
  protected constructor(
    protected readonly proc: ServerProcess,
    readonly port: number,
  ) {}

  get pid(): number {
    return this.proc.pid;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get alive(): boolean {
    return this.proc.alive;
  }

  rss(): number {
    return this.proc.rss();
  }
}
