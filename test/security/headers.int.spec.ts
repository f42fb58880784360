// Security headers on every kind of answer, a strict CORS policy, and one cookie only: the
// refresh token's, set by login and refresh; the API authenticates with the Authorization header only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_ABUSE_LIMITS, startTestApp, type TestApp } from '@groupchat/test-kit/app';
import { apiOf, registerUser, type TestUser } from '../../services/command-api/test/support/client';
import { png } from '../../services/command-api/test/media-fixtures';

const ALLOWED = 'https://chat.example.com';

describe('headers and cookies', () => {
  let app: TestApp;
  let user: TestUser;
  const answers: { what: string; res: Response }[] = [];

  beforeAll(async () => {
    app = await startTestApp({ ...NO_ABUSE_LIMITS, CORS_ORIGINS: ALLOWED });
    const api = apiOf(app);
    user = await registerUser(api, 'headers');
    const auth = { authorization: `Bearer ${user.token}` };
    const json = { 'content-type': 'application/json' };
    const u = (path: string) => `${app.url}${path}`;
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await png(32, 32))], { type: 'image/png' }), 'h.png');
    const upload = await fetch(u('/api/v1/media'), { method: 'POST', headers: auth, body: form });
    const media = await upload.clone().json();
    const requests: [string, string, RequestInit?][] = [
      ['liveness', '/healthz'],
      ['readiness', '/readyz'],
      ['metrics', '/metrics'],
      ['OpenAPI document', '/api/v1/openapi.json'],
      ['login', '/api/v1/auth/login', { method: 'POST', headers: json, body: JSON.stringify({ login: user.username, password: 'correct horse battery' }) }],
      ['refresh', '/api/v1/auth/refresh', { method: 'POST', headers: json, body: JSON.stringify({ refreshToken: user.refreshToken }) }],
      [
        'register',
        '/api/v1/auth/register',
        {
          method: 'POST',
          headers: json,
          body: JSON.stringify({ username: `h${Date.now()}`, email: `h${Date.now()}@example.com`, password: 'correct horse battery' }),
        },
      ],
      ['a query', '/api/v1/me', { headers: auth }],
      ['a command', '/api/v1/groups', { method: 'POST', headers: { ...auth, ...json }, body: JSON.stringify({ name: 'Headers', visibility: 'public' }) }],
      ['401 problem', '/api/v1/me'],
      ['400 problem', '/api/v1/groups', { method: 'POST', headers: { ...auth, ...json }, body: '{"name":' }],
      ['404 unmatched', '/api/v1/nowhere'],
      ['404 outside the API', '/no/such/page'],
      ['media bytes', `/api/v1/media/${media.mediaId}`, { headers: auth }],
      ['media links', `/api/v1/media/${media.mediaId}/links`, { headers: auth }],
      ['WebSocket path without an upgrade', '/ws'],
      ['CORS preflight, allowed origin', '/api/v1/groups', { method: 'OPTIONS', headers: { origin: ALLOWED, 'access-control-request-method': 'POST' } }],
      [
        'CORS preflight, other origin',
        '/api/v1/groups',
        { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } },
      ],
    ];
    answers.push({ what: 'media upload', res: upload });
    for (const [what, path, init] of requests) answers.push({ what, res: await fetch(u(path), init) });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('sends the security headers on every answer, whatever its status', () => {
    for (const { what, res } of answers) {
      const h = res.headers;
      expect(h.get('x-content-type-options'), what).toBe('nosniff');
      expect(h.get('x-frame-options'), what).toBe('DENY');
      expect(h.get('referrer-policy'), what).toBe('no-referrer');
      expect(h.get('cross-origin-opener-policy'), what).toBe('same-origin');
      expect(h.get('cross-origin-resource-policy'), what).toBe('same-origin');
      expect(h.get('content-security-policy'), what).toMatch(/default-src '(self|none)'/);
      expect(h.get('content-security-policy'), what).toMatch(/frame-ancestors 'none'/);
      expect(h.get('content-security-policy'), what).toMatch(/object-src 'none'/);
      expect(h.get('x-powered-by'), what).toBeNull();
    }
  });

  it('keeps API answers out of caches: no-store, except media, which is private', () => {
    for (const { what, res } of answers) {
      const url = new URL(res.url);
      if (!url.pathname.startsWith('/api/')) continue;
      const cc = res.headers.get('cache-control') ?? '';
      if (/^\/api\/v1\/media\/[^/]+$/.test(url.pathname) && res.status === 200) expect(cc, what).toMatch(/private/);
      else expect(cc, what).toMatch(/no-store/);
    }
  });

  it('sets only the refresh cookie, only on login and refresh, with exactly HttpOnly, Secure, SameSite=Strict, Path=/api/v1/auth', () => {
    expect(answers.length).toBeGreaterThan(15);
    for (const { what, res } of answers) {
      const cookies = res.headers.getSetCookie();
      if (what !== 'login' && what !== 'refresh') {
        expect(cookies, what).toEqual([]);
        continue;
      }
      expect(cookies, what).toHaveLength(1);
      const [pair, ...attrs] = cookies[0]!.split(';').map((p) => p.trim());
      expect(pair, what).toMatch(/^groupchat_refresh=[A-Za-z0-9_-]{43}$/);
      expect(attrs.filter((a) => !/^Expires=/.test(a)).sort(), what).toEqual(['HttpOnly', 'Path=/api/v1/auth', 'SameSite=Strict', 'Secure']);
      expect(
        attrs.filter((a) => /^Expires=/.test(a)),
        what,
      ).toHaveLength(1);
    }
  });

  it('ignores cookies on API routes: neither a token nor the refresh cookie authenticates', async () => {
    const login = answers.find((a) => a.what === 'login')!.res;
    const refreshCookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
    const res = await fetch(`${app.url}/api/v1/me`, {
      headers: { cookie: `token=${user.token}; accessToken=${user.token}; Authorization=Bearer ${user.token}; ${refreshCookie}` },
    });
    expect(res.status).toBe(401);
  });

  it('allows cross-origin calls only from the configured origin, never with *', async () => {
    const byWhat = Object.fromEntries(answers.map((a) => [a.what, a.res]));
    const ok = byWhat['CORS preflight, allowed origin']!;
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(ok.headers.get('access-control-allow-credentials')).toBeNull();
    expect(ok.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    const refused = byWhat['CORS preflight, other origin']!;
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    for (const { what, res } of answers) expect(res.headers.get('access-control-allow-origin'), what).not.toBe('*');

    const fromEvil = await fetch(`${app.url}/api/v1/me`, { headers: { origin: 'https://evil.example', authorization: `Bearer ${user.token}` } });
    expect(fromEvil.headers.get('access-control-allow-origin')).toBeNull();
    expect(fromEvil.headers.get('vary')).toMatch(/Origin/);
    const fromApp = await fetch(`${app.url}/api/v1/me`, { headers: { origin: ALLOWED, authorization: `Bearer ${user.token}` } });
    expect(fromApp.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(fromApp.headers.get('access-control-expose-headers')).toMatch(/Retry-After/);
  });

  it('refuses every cross-origin preflight when no origin is configured (the default)', async () => {
    const plain = await startTestApp();
    try {
      for (const origin of [ALLOWED, 'https://evil.example', 'null']) {
        const res = await fetch(`${plain.url}/api/v1/auth/login`, {
          method: 'OPTIONS',
          headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
        });
        expect(res.status, origin).toBe(403);
        expect(res.headers.get('access-control-allow-origin')).toBeNull();
      }
    } finally {
      await plain.close();
    }
  });
});
