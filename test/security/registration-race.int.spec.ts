// A registration answered 503 while the broker stalls is still pending: its claim on the username
// and email must keep its own password, or a second registration of the same names during the
// stall would own the account once the first append lands.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_ABUSE_LIMITS, type TestApp } from '@groupchat/test-kit/app';
import { waitUntil } from '@groupchat/test-kit';
import { uniqueName, type Api } from '../../services/command-api/test/support/client';
import { appOnPrivateBroker, type PrivateBroker } from '../../services/command-api/test/support/private-broker';

describe('when a second registration of the same username and email arrives during a broker stall', () => {
  let broker: PrivateBroker;
  let app: TestApp;
  let api: Api;

  beforeAll(async () => {
    ({ broker, app, api } = await appOnPrivateBroker('Race', { ...NO_ABUSE_LIMITS, APPEND_TIMEOUT_MS: 1500 }));
  });
  afterAll(async () => {
    broker?.resume();
    await app?.close();
    await broker?.close();
  });

  it('then it gets 409, the first registrant retrying still resumes, and only the first password signs in', async () => {
    const username = uniqueName('race');
    const email = `${username}@example.com`;
    const register = (password: string) => api.post('/auth/register', { username, email, password });
    broker.pause();
    try {
      const first = await register('password A of the first');
      expect(first.status, JSON.stringify(first.body)).toBe(503);
      // The first claim is now past APPEND_TIMEOUT_MS and its append still in flight.
      const second = await register('password B of the second');
      expect(second.status, JSON.stringify(second.body)).toBe(409);
      expect(second.headers.get('content-type')).toMatch(/application\/problem\+json/);
      const retry = await register('password A of the first');
      expect(retry.status, JSON.stringify(retry.body)).toBe(503);
    } finally {
      broker.resume();
    }
    const login = (password: string) => api.post('/auth/login', { login: username, password });
    await waitUntil(async () => (await login('password A of the first')).status === 200, {
      timeoutMs: 60_000,
      intervalMs: 250,
      what: 'the first registrant to sign in',
    });
    expect((await login('password B of the second')).status).toBe(401);
    expect((await api.post('/auth/login', { login: email, password: 'password B of the second' })).status).toBe(401);
  });
});
