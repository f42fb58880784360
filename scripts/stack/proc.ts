import { spawn, spawnSync, type SpawnOptions } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { dirname, join } from 'node:path';
import { DATA } from './paths';

export class StackError extends Error {
  constructor(readonly part: string, readonly step: string, cause: string, readonly logFile?: string) {
    super(`${part}: ${step} failed: ${cause}${logFile ? `\n  log: ${logFile}` : ''}`);
  }
}

const pidFile = (name: string) => join(DATA, 'pids', `${name}.pid`);

export function readPid(name: string): number | undefined {
  const file = pidFile(name);
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : undefined;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Starts a long-lived server in its own process group, output to its log file. */
export function launch(name: string, command: string, args: string[], logFile: string, options: SpawnOptions = {}): number {
  mkdirSync(dirname(logFile), { recursive: true });
  mkdirSync(dirname(pidFile(name)), { recursive: true });
  const out = openSync(logFile, 'a');
  const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', out, out] });
  closeSync(out);
  if (!child.pid) throw new StackError(name, 'launch', `could not spawn ${command}`, logFile);
  child.unref();
  writeFileSync(pidFile(name), `${child.pid}\n`);
  return child.pid;
}

/** SIGTERM the process group, then SIGKILL after the grace period. */
export async function terminate(name: string, graceMs = 20_000, signal: NodeJS.Signals = 'SIGTERM'): Promise<boolean> {
  const pid = readPid(name);
  rmSync(pidFile(name), { force: true });
  if (!pid) return false;
  signalGroup(pid, signal);
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await delay(100);
  if (isAlive(pid)) signalGroup(pid, 'SIGKILL');
  while (isAlive(pid)) await delay(50);
  return true;
}

function signalGroup(pid: number, signal: NodeJS.Signals) {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      /* already gone */
    }
  }
}

export function portOpen(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host });
    socket.setTimeout(1000);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

/** Polls `check` until it holds, the process dies, or the timeout passes. */
export async function waitFor(part: string, what: string, check: () => Promise<boolean>, timeoutMs: number, logFile?: string, pidName?: string) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    if (pidName && !readPid(pidName)) throw new StackError(part, what, 'the process exited', logFile);
    await delay(250);
  }
  throw new StackError(part, what, `not ready after ${Math.round(timeoutMs / 1000)} s`, logFile);
}

export function run(part: string, step: string, command: string, args: string[], options: SpawnOptions = {}) {
  const result = spawnSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', ...options });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n');
    throw new StackError(part, step, `${command} ${args.join(' ')} exited with ${result.status ?? result.signal}\n${output}`);
  }
  return result.stdout as unknown as string;
}

export const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));
