// Issue 15, item 3: a production process refuses to start with a missing, well-known or short
// secret, and a token signed with the public development secret never authenticates.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVELOPMENT_JWT_SECRET } from '@groupchat/shared';
import { startTestApp, type TestApp } from '@groupchat/test-kit/app';
import { stackEnv } from '@groupchat/test-kit';
import { apiOf, registerUser } from '../../services/command-api/test/support/client';

const REPO = join(import.meta.dirname, '..', '..');
const GOOD = () => randomBytes(48).toString('base64');

/** Starts the all-in-one entry point and waits, bounded, for it to exit. */
function startProduction(secrets: Record<string, string | undefined>): Promise<{ code: number | null; stderr: string }> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    ...stackEnv(),
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    GROUPCHAT_NAMESPACE: 'secretsneverstarts_',
  };
  for (const [k, v] of Object.entries(secrets)) if (v !== undefined) env[k] = v;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'src/main.ts')], { cwd: REPO, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`still running after 45 s (it started with ${JSON.stringify(Object.keys(secrets))}): ${stderr.slice(-500)}`));
    }, 45_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

describe('secrets in production', () => {
  it.each([
    ['no JWT_SECRET', { MEDIA_URL_SECRET: GOOD() }, 'JWT_SECRET: is not set'],
    ['the development default', { JWT_SECRET: DEVELOPMENT_JWT_SECRET, MEDIA_URL_SECRET: GOOD() }, 'JWT_SECRET: is a well-known value'],
    ['a 31-byte secret', { JWT_SECRET: 'x'.repeat(31), MEDIA_URL_SECRET: GOOD() }, 'JWT_SECRET: is only 31 bytes long'],
    ['no MEDIA_URL_SECRET', { JWT_SECRET: GOOD() }, 'MEDIA_URL_SECRET: is not set'],
  ])('when started with %s, then it exits non-zero naming the key', { timeout: 60_000 }, async (_what, secrets, message) => {
    const { code, stderr } = await startProduction(secrets);
    expect(code).not.toBe(0);
    expect(code).not.toBeNull();
    expect(stderr).toContain(message);
    expect(stderr).toContain('at least 32 bytes');
  });

  describe('an app with a real secret', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp({ JWT_SECRET: GOOD(), MEDIA_URL_SECRET: GOOD() });
    });
    afterAll(async () => {
      await app?.close();
    });

    it('refuses a token signed with the development default (401), accepts its own', async () => {
      const api = apiOf(app);
      const user = await registerUser(api, 'secret');
      const forged = jwt.sign({ username: user.username }, DEVELOPMENT_JWT_SECRET, {
        algorithm: 'HS256',
        subject: user.userId,
        issuer: 'groupchat',
        audience: 'groupchat',
        expiresIn: 600,
      });
      const res = await api.call('GET', '/me', undefined, { token: forged });
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ code: 'invalid_token' });
      expect((await api.call('GET', '/me', undefined, { token: user.token, headers: { 'x-min-position': user.position } })).status).toBe(200);
    });
  });
});
