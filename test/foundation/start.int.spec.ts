import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configEnv, freePort, isolatedConfig, waitUntil } from '@groupchat/test-kit';

const repo = new URL('../../', import.meta.url).pathname;

/** Processes whose environment carries this namespace: the app and anything it spawned. */
function processesOf(namespace: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/environ`, 'latin1').split('\0').includes(`GROUPCHAT_NAMESPACE=${namespace}`)) found.push(Number(entry));
    } catch {
      /* gone, or not ours */
    }
  }
  return found;
}

describe('npm start', () => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`serves /readyz with kafka, postgres and elasticsearch ready, and ${signal} leaves no process behind`, async () => {
      const config = isolatedConfig();
      const port = await freePort();
      const child = spawn('node', ['scripts/bootstrap.mjs', 'start'], {
        cwd: repo,
        stdio: 'ignore',
        env: {
          ...process.env,
          ...configEnv(config),
          GROUPCHAT_SKIP_WEB_BUILD: '1',
          LOG_LEVEL: 'warn',
          PORT: String(port),
        },
      });
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      const ready = await waitUntil(
        async () => {
          const res = await fetch(`http://127.0.0.1:${port}/readyz`);
          return res.status === 200 ? ((await res.json()) as { checks: Record<string, { ok: boolean }> }) : undefined;
        },
        { timeoutMs: 90_000, intervalMs: 250, what: '/readyz to answer 200' },
      );
      expect(ready.checks).toEqual({ kafka: { ok: true }, postgres: { ok: true }, elasticsearch: { ok: true } });
      expect(processesOf(config.GROUPCHAT_NAMESPACE).length).toBeGreaterThan(0);

      child.kill(signal);
      expect(await exited).toBe(0);
      await waitUntil(() => processesOf(config.GROUPCHAT_NAMESPACE).length === 0, { timeoutMs: 20_000, what: 'every process to exit' });
    });
  }
});
