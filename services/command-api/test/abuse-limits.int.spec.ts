import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '@groupchat/test-kit/app';
import { apiOf, uniqueName, type Api, type Answer } from './support/client';

const GROUP = '0b7c1c1e-0d2f-4f3e-9a8e-1c2d3e4f5a6b';

function expectRateLimited(res: Answer) {
  expect(res.status).toBe(429);
  expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(res.body).toMatchObject({ status: 429, code: 'rate_limited' });
}

describe('abuse limits', () => {
  let app: TestApp;
  let api: Api;
  const password = 'correct horse battery';

  beforeAll(async () => {
    app = await startTestApp({ REGISTER_LIMIT_PER_IP: 4, LOGIN_LIMIT_PER_IP_AND_ACCOUNT: 3, LOGIN_LIMIT_PER_IP: 50, MESSAGE_LIMIT_BURST: 5 });
    api = apiOf(app);
  });
  afterAll(async () => {
    await app?.close();
  });

  let username: string;
  let token: string;

  it('registrations per IP: past the limit, 429 with Retry-After', async () => {
    const answers: Answer[] = [];
    for (let i = 0; i < 5; i++) {
      const name = uniqueName('abuse');
      answers.push(await api.post('/auth/register', { username: name, email: `${name}@example.com`, password }));
      if (i === 0) username = name;
    }
    expect(answers.slice(0, 4).map((a) => a.status)).toEqual([201, 201, 201, 201]);
    expectRateLimited(answers[4]!);
  });

  it('failed logins per account and IP: past the limit this IP gets 429 even with the right password, by any form of the login; successes do not count', async () => {
    for (let i = 0; i < 3; i++) {
      const ok = await api.post('/auth/login', { login: username, password });
      expect(ok.status).toBe(200);
      token = ok.body.accessToken;
    }
    for (let i = 0; i < 3; i++) expect((await api.post('/auth/login', { login: username, password: 'wrong password' })).status).toBe(401);
    expectRateLimited(await api.post('/auth/login', { login: username, password }));
    expectRateLimited(await api.post('/auth/login', { login: username.toUpperCase(), password }));
    expectRateLimited(await api.post('/auth/login', { login: `${username}@example.com`, password }));
    expect((await api.post('/auth/login', { login: uniqueName('other'), password: 'whatever it is' })).status).toBe(401);
  });

  it('messages per user: past the burst, 429 with Retry-After', async () => {
    const answers: Answer[] = [];
    for (let i = 0; i < 6; i++) answers.push(await api.post(`/groups/${GROUP}/messages`, { clientMessageId: `burst-${i}`, text: 'hi' }, { token }));
    expect(answers.slice(0, 5).every((a) => a.status !== 429)).toBe(true);
    expectRateLimited(answers[5]!);
  });
});
