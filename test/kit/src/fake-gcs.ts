import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitUntil } from './stack';

/** A version the Go module proxy serves and that builds with the machine's Go. */
export const FAKE_GCS_VERSION = 'v1.56.1';

const BIN_DIR = join(process.env.GROUPCHAT_CACHE ?? join(homedir(), '.cache', 'groupchat'), 'bin');
const BINARY = join(BIN_DIR, 'fake-gcs-server');

export interface FakeGcs {
  /** e.g. http://127.0.0.1:41234, the apiEndpoint for @google-cloud/storage. */
  endpoint: string;
  stop(): Promise<void>;
}

/** Installs fake-gcs-server from the Go module proxy into the cache (once), outside the repository. */
export function installFakeGcs(): string {
  if (existsSync(BINARY)) return BINARY;
  mkdirSync(BIN_DIR, { recursive: true });
  const go = findGo();
  const result = spawnSync(go, ['install', `github.com/fsouza/fake-gcs-server@${FAKE_GCS_VERSION}`], {
    env: { ...process.env, GOBIN: BIN_DIR, GOFLAGS: '-buildvcs=false' },
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: 15 * 60_000,
  });
  if (result.status !== 0 || !existsSync(BINARY))
    throw new Error(`go install fake-gcs-server@${FAKE_GCS_VERSION} failed (${result.error?.message ?? `exit ${result.status}`})`);
  return BINARY;
}

/** Starts an in-memory fake-gcs-server over plain HTTP on a free loopback port. */
export async function startFakeGcs(): Promise<FakeGcs> {
  const binary = installFakeGcs();
  const port = await freePort();
  const child: ChildProcess = spawn(binary, ['-scheme', 'http', '-backend', 'memory', '-host', '127.0.0.1', '-port', String(port), '-log-level', 'warn'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitUntil(async () => child.exitCode === null && (await fetch(`${endpoint}/storage/v1/b`)).ok, {
      what: `fake-gcs-server on ${endpoint}`,
      timeoutMs: 20_000,
    });
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`${(err as Error).message}\n${stderr}`);
  }
  return {
    endpoint,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(killer);
    },
  };
}

function findGo(): string {
  for (const candidate of ['go', '/usr/local/go/bin/go']) {
    if (spawnSync(candidate, ['version'], { stdio: 'ignore' }).status === 0) return candidate;
  }
  throw new Error('Go is needed to install fake-gcs-server (go on PATH or /usr/local/go/bin/go)');
}
