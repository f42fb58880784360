// Attacks on authentication, beyond what services/command-api/test/accounts.int.spec.ts
// (tampered, expired, alg none on PATCH /me; refresh rotation and reuse revoking the family),
// abuse-limits.int.spec.ts (failed logins per account and IP → 429 with Retry-After) and
// services/realtime/test/connection.int.spec.ts (invalid, forged and expired WebSocket tokens)
// already prove: the same forged tokens on the query routes, media and the WebSocket, racing
// refreshes, password spraying from one address, and the timing of failed logins.
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_ABUSE_LIMITS, startTestApp, type TestApp } from '@groupchat/test-kit/app';
import { apiOf, registerUser, uniqueName, type Api, type TestUser } from '../../services/command-api/test/support/client';
import { TestClient } from '../../services/realtime/test/support/client';

const SPRAY_LIMIT = 45;
const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

describe('attacks on authentication', () => {
  let app: TestApp;
  let api: Api;
  let user: TestUser;
  let forged: Record<string, string>;

  beforeAll(async () => {
    app = await startTestApp({ ...NO_ABUSE_LIMITS, LOGIN_LIMIT_PER_IP: SPRAY_LIMIT });
    api = apiOf(app);
    user = await registerUser(api, 'victim');
    const secret = app.config.JWT_SECRET;
    const [h, p, s] = user.token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    forged = {
      'another subject, old signature': `${h}.${b64({ ...claims, sub: '00000000-0000-4000-8000-000000000000' })}.${s}`,
      'a later expiry, old signature': `${h}.${b64({ ...claims, exp: claims.exp + 86_400 })}.${s}`,
      'alg none, no signature': `${b64({ alg: 'none', typ: 'JWT' })}.${p}.`,
      'alg none, old signature': `${b64({ alg: 'none', typ: 'JWT' })}.${p}.${s}`,
      'alg NONE': `${b64({ alg: 'NONE', typ: 'JWT' })}.${p}.`,
      'HS512 with the right secret': jwt.sign({ username: user.username }, secret, { algorithm: 'HS512', subject: user.userId, issuer: 'groupchat' }),
      'HS256 with another secret': jwt.sign({ username: user.username }, 'a-guessed-secret-of-enough-length', {
        algorithm: 'HS256',
        subject: user.userId,
        issuer: 'groupchat',
      }),
      'another issuer': jwt.sign({ username: user.username }, secret, { algorithm: 'HS256', subject: user.userId, issuer: 'someone-else' }),
      'no subject': jwt.sign({ username: user.username }, secret, { algorithm: 'HS256', issuer: 'groupchat' }),
      'signature cut off': `${h}.${p}`,
      'not a JWT': 'garbage',
    };
  });
  afterAll(async () => {
    await app?.close();
  });

  it('refuses forged and expired tokens with 401 on every kind of route, and accepts the real one', async () => {
    const expired = jwt.sign({ username: user.username }, app.config.JWT_SECRET, {
      algorithm: 'HS256',
      subject: user.userId,
      issuer: 'groupchat',
      expiresIn: -5,
    });
    const routes: [string, string][] = [
      ['GET', '/me'],
      ['GET', '/groups'],
      ['GET', '/groups/recommended'],
      ['GET', `/users/${user.userId}`],
      ['GET', '/search/messages?q=hello'],
      ['POST', '/groups'],
      ['GET', '/media/00000000-0000-4000-8000-000000000000'],
    ];
    for (const [method, path] of routes) {
      for (const [what, token] of Object.entries({ ...forged, expired })) {
        const res = await api.call(method, path, method === 'POST' ? { name: 'Forged', visibility: 'public' } : undefined, { token });
        expect(res.status, `${method} ${path} with ${what}`).toBe(401);
        expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
        expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
        expect(res.body.code, what).toBe(what === 'expired' ? 'token_expired' : 'invalid_token');
      }
      const real = await api.call(method, path, method === 'POST' ? { name: 'Real one', visibility: 'public' } : undefined, { token: user.token });
      expect(real.status, `${method} ${path} with the real token`).not.toBe(401);
    }
  });

  it('closes a WebSocket that authenticates with a forged token (4001) or an expired one (4003)', async () => {
    for (const [what, token] of Object.entries(forged)) {
      for (const how of ['frame', 'query'] as const) {
        const c = await TestClient.open(how === 'query' ? `${app.wsUrl}?token=${encodeURIComponent(token)}` : app.wsUrl);
        if (how === 'frame') c.send({ type: 'auth', token });
        const closed = await c.closedWith();
        expect(closed.code, `${what} in the ${how}`).toBe(4001);
        expect(
          c.frames.some((f) => f.type === 'ready'),
          what,
        ).toBe(false);
      }
    }
    const expired = jwt.sign({ username: user.username }, app.config.JWT_SECRET, {
      algorithm: 'HS256',
      subject: user.userId,
      issuer: 'groupchat',
      expiresIn: -5,
    });
    const c = await TestClient.open(app.wsUrl);
    c.send({ type: 'auth', token: expired });
    expect((await c.closedWith()).code).toBe(4003);
    const ok = await TestClient.ready(app.wsUrl, user.token);
    ok.close();
  });

  it('lets only one of ten racing refreshes of the same token through; the token is dead afterwards', async () => {
    const login = await api.post(
      '/auth/login',
      { login: user.username, password: 'correct horse battery', refreshTokenIn: 'body' },
      { headers: { 'x-forwarded-for': '198.51.100.7' } },
    );
    expect(login.status).toBe(200);
    const answers = await Promise.all(Array.from({ length: 10 }, () => api.post('/auth/refresh', { refreshToken: login.body.refreshToken })));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 401)).toHaveLength(9);
    // A reuse revokes the family: the winner's new refresh token is dead too.
    const winner = answers.find((a) => a.status === 200)!;
    expect((await api.post('/auth/refresh', { refreshToken: winner.body.refreshToken })).status).toBe(401);
    expect((await api.post('/auth/refresh', { refreshToken: login.body.refreshToken })).status).toBe(401);
  });

  it('answers a wrong password and an unknown login in about the same time (medians of 20 each)', async () => {
    const ip = { 'x-forwarded-for': '198.51.100.20' };
    const time = async (login: string) => {
      const started = performance.now();
      const res = await api.post('/auth/login', { login, password: 'not the password at all' }, { headers: ip });
      const ms = performance.now() - started;
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('invalid_credentials');
      return ms;
    };
    await time(user.username); // warm up
    const wrong: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 20; i++) {
      wrong.push(await time(i % 2 ? user.username : `${user.username}@example.com`));
      unknown.push(await time(i % 2 ? uniqueName('nobody') : `${uniqueName('nobody')}@example.com`));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const ratio = median(unknown) / median(wrong);
    console.info(
      `login timing: wrong password median ${median(wrong).toFixed(1)} ms, unknown login median ${median(unknown).toFixed(1)} ms, ratio ${ratio.toFixed(2)}`,
    );
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });

  it('stops password spraying across many accounts from one address at the per-IP limit, with Retry-After', async () => {
    const ip = { 'x-forwarded-for': '203.0.113.66' };
    const statuses: number[] = [];
    for (let i = 0; i < SPRAY_LIMIT + 2; i++) {
      const res = await api.post('/auth/login', { login: `${uniqueName('sprayed')}`, password: 'Summer2024!' }, { headers: ip });
      statuses.push(res.status);
      if (res.status === 429) {
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      }
    }
    expect(statuses.slice(0, SPRAY_LIMIT).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(SPRAY_LIMIT)).toEqual([429, 429]);
    // Even the right password of a real account is refused from that address now; other addresses are unaffected.
    expect((await api.post('/auth/login', { login: user.username, password: 'correct horse battery' }, { headers: ip })).status).toBe(429);
    expect(
      (await api.post('/auth/login', { login: user.username, password: 'correct horse battery' }, { headers: { 'x-forwarded-for': '203.0.113.67' } })).status,
    ).toBe(200);
  });
});
