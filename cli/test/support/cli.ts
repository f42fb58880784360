import { spawn } from 'node:child_process';
import type { Config } from '@groupchat/shared';
import { configEnv } from '@groupchat/test-kit';

const bin = new URL('../../bin/groupchat.mjs', import.meta.url).pathname;

/** Runs `groupchat <args>` against the servers and namespace of `config`; resolves with its exit code and output. */
export function cli(config: Config, args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, ...configEnv(config), ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
