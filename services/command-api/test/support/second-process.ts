import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Config } from '@groupchat/shared';
import { freePort, waitUntil } from '@groupchat/test-kit';

const ENTRY = fileURLToPath(new URL('../../src/main.ts', import.meta.url));

export interface SecondProcess {
  url: string;
  close(): void;
}

/** command-api alone in a process of its own on the same namespace: a process that remembers nothing of the test app's. */
export async function secondCommandApi(config: Config): Promise<SecondProcess> {
  const port = await freePort();
  const env = Object.fromEntries(
    Object.entries(config)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, String(v)]),
  );
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', ENTRY], { env: { ...process.env, ...env, PORT: String(port) }, stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  await waitUntil(
    async () => {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`command-api exited with ${child.exitCode ?? child.signalCode}`);
      return (await fetch(`${url}/healthz`).catch(() => undefined))?.ok;
    },
    { timeoutMs: 60_000, intervalMs: 200, what: 'the second command-api process to answer' },
  );
  return { url, close: () => void child.kill('SIGKILL') };
}
