import { expect } from 'vitest';
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

/** Signed in as `u`, reading at least the given positions. */
export const as = (u: Pick<TestUser, 'token'>, ...after: string[]): CallOptions => ({
  token: u.token,
  headers: after.length ? { 'x-min-position': after.join(',') } : {},
});

/** Asserts the status, with the body in the failure message. */
export const expectStatus = (res: Pick<Answer, 'status' | 'body'>, status = 200) => expect(res.status, JSON.stringify(res.body)).toBe(status);

/** The answer itself if it is a success; otherwise throws with its body, also outside a test. */
export function succeeded<T>(answer: Answer<T>): Answer<T> {
  if (answer.status < 200 || answer.status > 299) throw new Error(`expected success, got ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer;
}

/** What the commands of these tests answer with: the fields any of them may read. */
export interface Written {
  messageId: string;
  groupId: string;
  position: string;
  marker: string;
}

/**
 * For a test that reads back its own writes in order: `ok` awaits a command, asserts it succeeded
 * and keeps its position, `keep` does the same for any answer, and `as` reads at least there.
 */
export function readingOwnWrites() {
  let last = '';
  const keep = <A extends Pick<Answer, 'body'>>(res: A): A => {
    if (res.body?.position) last = res.body.position;
    return res;
  };
  return {
    as: (u: Pick<TestUser, 'token'>) => as(u, ...(last ? [last] : [])),
    keep,
    ok: async (res: Promise<Answer>): Promise<Written> => keep(succeeded(await res)).body,
  };
}

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
