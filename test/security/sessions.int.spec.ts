// Issue 15, item 7: sessions end (absolute lifetime, password change, sign-out everywhere), the
// browser's refresh token lives in a strict cookie usable only from our own origin, and access
// tokens must carry an expiry and our audience.
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_ABUSE_LIMITS, startTestApp, type TestApp } from '@groupchat/test-kit/app';
import { waitUntil } from '@groupchat/test-kit';
import { apiOf, registerUser, type Api, type TestUser } from '../../services/command-api/test/support/client';

const ALLOWED = 'https://chat.example.com';
const PASSWORD = 'correct horse battery';
const COOKIE = 'groupchat_refresh';

/** The refresh cookie an answer sets, as `name=value` plus its attributes (lowercased). */
function refreshCookie(res: Response): { pair: string; value: string; attrs: string[] } | undefined {
  const line = res.headers.getSetCookie().find((c) => c.startsWith(`${COOKIE}=`));
  if (!line) return undefined;
  const [pair, ...attrs] = line.split(';').map((p) => p.trim());
  return { pair: pair!, value: pair!.slice(COOKIE.length + 1), attrs: attrs.map((a) => a.toLowerCase()) };
}

describe('sessions', () => {
  let app: TestApp;
  let api: Api;
  const post = (path: string, init: { body?: unknown; cookie?: string; origin?: string; token?: string } = {}) =>
    fetch(`${app.url}/api/v1${path}`, {
      method: 'POST',
      headers: {
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(init.cookie ? { cookie: init.cookie } : {}),
        ...(init.origin ? { origin: init.origin } : {}),
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  const browserLogin = async (user: TestUser) => {
    const res = await post('/auth/login', { body: { login: user.username, password: PASSWORD }, origin: app.url });
    expect(res.status).toBe(200);
    return { res, body: (await res.json()) as Record<string, unknown>, cookie: refreshCookie(res)! };
  };
  const bodyLogin = async (user: TestUser, password = PASSWORD) =>
    (await api.post('/auth/login', { login: user.username, password, refreshTokenIn: 'body' })).body as { accessToken: string; refreshToken: string };

  beforeAll(async () => {
    app = await startTestApp({ ...NO_ABUSE_LIMITS, CORS_ORIGINS: ALLOWED });
    api = apiOf(app);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('when a browser logs in, then the refresh token is only in an HttpOnly, Secure, SameSite=Strict cookie scoped to /api/v1/auth', async () => {
    const user = await registerUser(api, 'cookie');
    const { body, cookie } = await browserLogin(user);
    expect(body).not.toHaveProperty('refreshToken');
    expect(body.accessToken).toEqual(expect.any(String));
    expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(cookie.attrs).toEqual(expect.arrayContaining(['httponly', 'secure', 'samesite=strict', 'path=/api/v1/auth']));
    expect(cookie.attrs.find((a) => a.startsWith('expires='))).toBeDefined();
    expect(cookie.attrs.some((a) => a.startsWith('domain='))).toBe(false);
  });

  it('when refreshing with the cookie from our origin, then it rotates: a new cookie, no token in JSON, the old cookie refused as reuse', async () => {
    const user = await registerUser(api, 'rotate');
    const { cookie } = await browserLogin(user);
    const res = await post('/auth/refresh', { cookie: cookie.pair, origin: app.url });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toEqual({ accessToken: expect.any(String), expiresIn: 900 });
    const next = refreshCookie(res)!;
    expect(next.value).not.toBe(cookie.value);
    expect(next.attrs).toEqual(expect.arrayContaining(['httponly', 'secure', 'samesite=strict', 'path=/api/v1/auth']));
    const reuse = await post('/auth/refresh', { cookie: cookie.pair, origin: app.url });
    expect(reuse.status).toBe(401);
    expect(await reuse.json()).toMatchObject({ code: 'refresh_token_reused' });
  });

  it('when the cookie comes with a foreign Origin or none, then 403 problem+json and the token still works from our origin', async () => {
    const user = await registerUser(api, 'origin');
    const { cookie } = await browserLogin(user);
    for (const [what, origin, code] of [
      ['another site', 'https://evil.example', 'origin_refused'],
      ['a sibling of ours on another port', app.url.replace(/:\d+$/, ':1'), 'origin_refused'],
      ['the opaque origin', 'null', 'origin_refused'],
      ['no Origin', undefined, 'origin_required'],
    ] as const) {
      for (const path of ['/auth/refresh', '/auth/logout']) {
        const res = await post(path, { cookie: cookie.pair, origin });
        expect(res.status, `${path} from ${what}`).toBe(403);
        expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
        expect(await res.json()).toMatchObject({ status: 403, code });
        expect(refreshCookie(res), `${path} from ${what}`).toBeUndefined();
      }
    }
    const fromListed = await post('/auth/refresh', { cookie: cookie.pair, origin: ALLOWED });
    expect(fromListed.status).toBe(200);
    const fromOurs = await post('/auth/refresh', { cookie: refreshCookie(fromListed)!.pair, origin: app.url });
    expect(fromOurs.status).toBe(200);
  });

  it('when a non-browser client asks for it, then the refresh token travels in JSON, without any Origin', async () => {
    const user = await registerUser(api, 'cli');
    const login = await bodyLogin(user);
    expect(login.refreshToken).toEqual(expect.any(String));
    const res = await api.post('/auth/refresh', { refreshToken: login.refreshToken });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ accessToken: expect.any(String), refreshToken: expect.any(String), expiresIn: 900 });
  });

  it('when logging out with the cookie, then the login is revoked and the cookie cleared', async () => {
    const user = await registerUser(api, 'out');
    const { cookie } = await browserLogin(user);
    const res = await post('/auth/logout', { cookie: cookie.pair, origin: app.url });
    expect(res.status).toBe(204);
    const cleared = refreshCookie(res)!;
    expect(cleared.value).toBe('');
    expect(cleared.attrs).toEqual(expect.arrayContaining(['path=/api/v1/auth', 'expires=thu, 01 jan 1970 00:00:00 gmt']));
    expect((await post('/auth/refresh', { cookie: cookie.pair, origin: app.url })).status).toBe(401);
  });

  it('when the password is changed, then every session of the user is revoked and only the new password signs in', async () => {
    const user = await registerUser(api, 'passwd');
    const [here, elsewhere] = [await bodyLogin(user), await bodyLogin(user)];
    const { cookie } = await browserLogin(user);
    const other = await registerUser(api, 'bystander');

    const wrong = await api.post('/me/password', { currentPassword: 'not the password', newPassword: 'a brand new passphrase' }, { token: here.accessToken });
    expect(wrong.status).toBe(403);
    expect(wrong.body).toMatchObject({ code: 'invalid_credentials' });
    const invalid = await api.post('/me/password', { currentPassword: PASSWORD, newPassword: 'short' }, { token: here.accessToken });
    expect(invalid.status).toBe(422);
    expect((await api.post('/me/password', { currentPassword: PASSWORD, newPassword: 'a brand new passphrase' })).status).toBe(401);
    const stillThere = await api.post('/auth/refresh', { refreshToken: elsewhere.refreshToken });
    expect(stillThere.status, 'refused attempts change nothing').toBe(200);

    const changed = await api.post('/me/password', { currentPassword: PASSWORD, newPassword: 'a brand new passphrase' }, { token: here.accessToken });
    expect(changed.status).toBe(204);
    for (const token of [here.refreshToken, stillThere.body.refreshToken]) expect((await api.post('/auth/refresh', { refreshToken: token })).status).toBe(401);
    expect((await post('/auth/refresh', { cookie: cookie.pair, origin: app.url })).status).toBe(401);
    expect((await api.post('/auth/login', { login: user.username, password: PASSWORD })).status).toBe(401);
    expect((await api.post('/auth/login', { login: user.username, password: 'a brand new passphrase' })).status).toBe(200);
    expect((await api.post('/auth/refresh', { refreshToken: other.refreshToken })).status, "another user's session").toBe(200);
  });

  it('when signing out everywhere, then every refresh token of the caller dies, and only the caller’s', async () => {
    const user = await registerUser(api, 'everywhere');
    const [a, b] = [await bodyLogin(user), await bodyLogin(user)];
    const other = await registerUser(api, 'bystander');
    expect((await api.post('/auth/logout-everywhere')).status).toBe(401);
    const res = await post('/auth/logout-everywhere', { token: a.accessToken });
    expect(res.status).toBe(204);
    for (const token of [a.refreshToken, b.refreshToken, user.refreshToken])
      expect((await api.post('/auth/refresh', { refreshToken: token })).status).toBe(401);
    expect((await api.post('/auth/refresh', { refreshToken: other.refreshToken })).status).toBe(200);
  });

  it('when an access token has no exp, or another audience, or none, then 401 invalid_token', async () => {
    const user = await registerUser(api, 'claims');
    const secret = app.config.JWT_SECRET;
    const base = { algorithm: 'HS256' as const, subject: user.userId, issuer: 'groupchat' };
    const tokens = {
      'no exp': jwt.sign({ username: user.username }, secret, { ...base, audience: 'groupchat' }),
      'another audience': jwt.sign({ username: user.username }, secret, { ...base, audience: 'another-app', expiresIn: 600 }),
      'no audience': jwt.sign({ username: user.username }, secret, { ...base, expiresIn: 600 }),
    };
    for (const [what, token] of Object.entries(tokens)) {
      const res = await api.call('GET', '/me', undefined, { token });
      expect(res.status, what).toBe(401);
      expect(res.body, what).toMatchObject({ code: 'invalid_token' });
    }
    expect(jwt.decode(user.token)).toMatchObject({ aud: 'groupchat', exp: expect.any(Number) });
    expect((await api.call('GET', '/me', undefined, { token: user.token, headers: { 'x-min-position': user.position } })).status).toBe(200);
  });
});

describe('the absolute lifetime of a login', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ ...NO_ABUSE_LIMITS, REFRESH_FAMILY_LIFETIME_SECONDS: 2 });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('when a login is refreshed again and again, then it still ends at its lifetime: rotation does not extend it', async () => {
    const api = apiOf(app);
    const user = await registerUser(api, 'lifetime');
    const started = Date.now();
    let token = user.refreshToken;
    let rotations = 0;
    const refused = await waitUntil(
      async () => {
        const res = await api.post('/auth/refresh', { refreshToken: token });
        if (res.status === 200) {
          token = res.body.refreshToken;
          rotations++;
          return undefined;
        }
        return res;
      },
      { timeoutMs: 15_000, intervalMs: 200, what: 'the login to end' },
    );
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ code: 'invalid_refresh_token' });
    expect(rotations).toBeGreaterThan(0);
    expect(Date.now() - started).toBeLessThan(12_000);
    expect((await api.post('/auth/login', { login: user.username, password: PASSWORD })).status).toBe(200);
  });
});
