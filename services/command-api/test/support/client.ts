import type { TestApp } from '@groupchat/test-kit/app';

export interface Answer<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface CallOptions {
  token?: string;
  headers?: Record<string, string>;
  /** Sent as is instead of JSON-encoding `body`. */
  raw?: string | Buffer;
}

/** A small HTTP client for the API of a running test app. */
export function apiOf(app: Pick<TestApp, 'url'>) {
  async function call<T = any>(method: string, path: string, body?: unknown, opts: CallOptions = {}): Promise<Answer<T>> {
    const headers: Record<string, string> = { ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}), ...opts.headers };
    let payload: string | Buffer | undefined = opts.raw;
    if (payload === undefined && body !== undefined) {
      payload = JSON.stringify(body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(`${app.url}/api/v1${path}`, {
      method,
      headers,
      body: typeof payload === 'string' || payload === undefined ? payload : new Uint8Array(payload),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }
  return {
    call,
    get: <T = any>(path: string, opts?: CallOptions) => call<T>('GET', path, undefined, opts),
    post: <T = any>(path: string, body?: unknown, opts?: CallOptions) => call<T>('POST', path, body, opts),
    patch: <T = any>(path: string, body?: unknown, opts?: CallOptions) => call<T>('PATCH', path, body, opts),
    put: <T = any>(path: string, body?: unknown, opts?: CallOptions) => call<T>('PUT', path, body, opts),
    del: <T = any>(path: string, body?: unknown, opts?: CallOptions) => call<T>('DELETE', path, body, opts),
  };
}

export type Api = ReturnType<typeof apiOf>;

let counter = 0;
/** A fresh, valid username for this test run. */
export const uniqueName = (prefix = 'u') => `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`.slice(0, 32);

export interface TestUser {
  userId: string;
  username: string;
  token: string;
  refreshToken: string;
  position: string;
}

export async function registerUser(api: Api, prefix = 'u'): Promise<TestUser> {
  const username = uniqueName(prefix);
  const password = 'correct horse battery';
  const reg = await api.post('/auth/register', { username, email: `${username}@example.com`, password });
  if (reg.status !== 201) throw new Error(`register ${username}: ${reg.status} ${JSON.stringify(reg.body)}`);
  const login = await api.post('/auth/login', { login: username, password, refreshTokenIn: 'body' });
  if (login.status !== 200) throw new Error(`login ${username}: ${login.status} ${JSON.stringify(login.body)}`);
  return { userId: reg.body.userId, username, token: login.body.accessToken, refreshToken: login.body.refreshToken, position: reg.body.position };
}

/** Registers one user per prefix, in parallel. */
export function registerUsers<const P extends readonly string[]>(api: Api, prefixes: P): Promise<{ [K in keyof P]: TestUser }> {
  return Promise.all(prefixes.map((p) => registerUser(api, p))) as Promise<{ [K in keyof P]: TestUser }>;
}
