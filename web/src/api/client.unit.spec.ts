import { describe, expect, it, vi } from 'vitest';
import { createApiClient } from './client';
import { ApiError } from './errors';
import { createTokenStore, memoryStorage } from './tokens';

type Handler = (url: string, init: RequestInit) => Response | Promise<Response>;

function setup(handler: Handler) {
  const tokens = createTokenStore(memoryStorage());
  tokens.set({ accessToken: 'a1' });
  const calls: { url: string; init: RequestInit; headers: Headers }[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    calls.push({ url, init: init!, headers: new Headers(init!.headers) });
    return handler(url, init!);
  });
  const onSessionLost = vi.fn();
  const client = createApiClient({ tokens, fetch: fetch as unknown as typeof globalThis.fetch, onSessionLost });
  return { client, tokens, calls, onSessionLost };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers } });

describe('API client', () => {
  it('sends the access token and builds query strings', async () => {
    const { client, calls } = setup(() => json(200, { items: [] }));
    await client.get('/groups', { q: 'chess club', interest: 'chess,go', cursor: undefined });
    expect(calls[0]!.url).toBe('/api/v1/groups?q=chess+club&interest=chess%2Cgo');
    expect(calls[0]!.headers.get('authorization')).toBe('Bearer a1');
  });

  it('on 401 refreshes once through the cookie (no token in the body), stores the new access token and retries', async () => {
    const { client, tokens, calls } = setup((url, init) => {
      if (url.endsWith('/auth/refresh')) return json(200, { accessToken: 'a2', expiresIn: 900 });
      const auth = new Headers(init.headers).get('authorization');
      return auth === 'Bearer a2' ? json(200, { ok: true }) : json(401, { status: 401, code: 'token_expired', detail: 'access token expired' });
    });
    await expect(client.get('/me')).resolves.toEqual({ ok: true });
    expect(tokens.access()).toBe('a2');
    expect(calls.map((c) => c.url)).toEqual(['/api/v1/me', '/api/v1/auth/refresh', '/api/v1/me']);
    expect(calls[1]!.init.body).toBeUndefined();
    expect(calls[1]!.init.credentials).toBe('same-origin');
    expect(calls[1]!.headers.get('authorization')).toBeNull();
  });

  it('shares one refresh between concurrent 401s (rotation allows a refresh token once)', async () => {
    let refreshes = 0;
    const { client } = setup(async (url, init) => {
      if (url.endsWith('/auth/refresh')) {
        refreshes++;
        await new Promise((r) => setTimeout(r, 5));
        return json(200, { accessToken: 'a2' });
      }
      return new Headers(init.headers).get('authorization') === 'Bearer a2' ? json(200, {}) : json(401, { status: 401 });
    });
    await Promise.all([client.get('/a'), client.get('/b'), client.get('/c')]);
    expect(refreshes).toBe(1);
  });

  it('ends the session when the refresh token is refused', async () => {
    const { client, tokens, onSessionLost } = setup((url) =>
      url.endsWith('/auth/refresh') ? json(401, { status: 401, code: 'invalid_refresh_token' }) : json(401, { status: 401 }),
    );
    await expect(client.get('/me')).rejects.toMatchObject({ status: 401 });
    expect(tokens.access()).toBeNull();
    expect(onSessionLost).toHaveBeenCalledOnce();
  });

  it('turns problem+json into ApiError with field errors and Retry-After', async () => {
    const { client } = setup(() =>
      json(422, {
        type: 'https://groupchat.dev/problems/validation_failed',
        title: 'Unprocessable Content',
        status: 422,
        code: 'validation_failed',
        detail: 'some fields are invalid',
        errors: [
          { field: 'username', message: 'already taken' },
          { field: 'interests.2', message: 'too long' },
        ],
      }),
    );
    const err = (await client.post('/groups', {}).catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(422);
    expect(err.fieldMessage('username')).toBe('already taken');
    expect(err.fieldMessage('interests')).toBe('too long');

    const limited = setup(() => json(429, { status: 429, code: 'rate_limited', detail: 'too many requests' }, { 'retry-after': '7' }));
    const e2 = (await limited.client.post('/x').catch((e: unknown) => e)) as ApiError;
    expect(e2.retryAfterSeconds).toBe(7);
    expect(e2.retriable).toBe(true);
  });

  it('carries the position of a command answer into later requests as X-Min-Position', async () => {
    let n = 0;
    const { client, calls } = setup((url, init) => (init.method === 'POST' ? json(202, { messageId: 'x', position: `m.2.${++n * 10}` }) : json(200, {})));
    await client.get('/groups/g1');
    await client.post('/groups/g1/join');
    await client.get('/groups/g1/messages');
    await client.post('/groups/g1/messages', { text: 'hi' });
    await client.get('/groups/g1/messages');
    expect(calls[0]!.headers.get('x-min-position')).toBeNull();
    expect(calls[2]!.headers.get('x-min-position')).toBe('m.2.10');
    expect(calls[4]!.headers.get('x-min-position')).toBe('m.2.20');
  });

  it('keeps one minimum per log partition', async () => {
    const positions = ['g.1.5', 'm.2.10', 'g.1.3', 'm.4.1'];
    const { client, calls } = setup((_u, init) => (init.method === 'POST' ? json(201, { position: positions.shift() }) : json(200, {})));
    for (let i = 0; i < 4; i++) await client.post('/x');
    await client.get('/y');
    expect(calls[4]!.headers.get('x-min-position')!.split(',').sort()).toEqual(['g.1.5', 'm.2.10', 'm.4.1']);
  });

  it('uses the access token another tab already refreshed instead of refreshing again', async () => {
    const storage = memoryStorage();
    const tokens = createTokenStore(storage);
    tokens.set({ accessToken: 'a1' });
    const other = createTokenStore(storage);
    const urls: string[] = [];
    const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      urls.push(String(input));
      if (String(input).endsWith('/auth/refresh')) return json(401, { status: 401 });
      if (new Headers(init!.headers).get('authorization') === 'Bearer a1') {
        other.set({ accessToken: 'a2' });
        return json(401, { status: 401 });
      }
      return json(200, { ok: true });
    });
    const client = createApiClient({ tokens, fetch: fetch as unknown as typeof globalThis.fetch });
    await expect(client.get('/me')).resolves.toEqual({ ok: true });
    expect(urls).toEqual(['/api/v1/me', '/api/v1/me']);
    expect(tokens.access()).toBe('a2');
  });

  it('never keeps a refresh token in storage, and drops one stored by an older version', () => {
    const storage = memoryStorage();
    storage.setItem('groupchat.session', JSON.stringify({ accessToken: 'a1', refreshToken: 'r1' }));
    const tokens = createTokenStore(storage);
    expect(tokens.access()).toBe('a1');
    expect(storage.getItem('groupchat.session')).not.toContain('r1');
    tokens.set({ accessToken: 'a2', refreshToken: 'r2' } as never);
    expect(storage.getItem('groupchat.session')).not.toContain('r2');
  });
});
