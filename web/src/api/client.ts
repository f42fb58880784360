import { ApiError, NetworkError, problemFrom } from './errors';
import { createMinPositions } from './min-position';
import type { TokenStore } from './tokens';

export type Query = Record<string, string | number | boolean | null | undefined | (string | number)[]>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** Send without the access token (login, register, refresh). */
  anonymous?: boolean;
}

export interface ApiClientOptions {
  tokens: TokenStore;
  baseUrl?: string;
  fetch?: typeof fetch;
  /** The refresh token was refused: the session is over. */
  onSessionLost?: () => void;
}

/**
 * fetch with the access token; one refresh (single-flight, through the HttpOnly refresh cookie,
 * which this code never sees) and one retry on 401; problem+json turned into ApiError; positions of command answers carried
 * into later requests as X-Min-Position.
 */
export function createApiClient(options: ApiClientOptions) {
  const { tokens, baseUrl = '/api/v1' } = options;
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  const minPositions = createMinPositions();
  let refreshing: Promise<boolean> | null = null;

  function url(path: string, query?: Query): string {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(query ?? {})) {
      if (v === undefined || v === null || v === '') continue;
      if (Array.isArray(v)) v.forEach((item) => qs.append(k, String(item)));
      else qs.append(k, String(v));
    }
    const s = qs.toString();
    return `${baseUrl}${path}${s ? `?${s}` : ''}`;
  }

  function headersFor(opts: RequestOptions, hasJsonBody: boolean): Headers {
    const h = new Headers({ Accept: 'application/json, application/problem+json' });
    if (hasJsonBody) h.set('Content-Type', 'application/json');
    const token = tokens.access();
    if (!opts.anonymous && token) h.set('Authorization', `Bearer ${token}`);
    const min = minPositions.header();
    if (min) h.set('X-Min-Position', min);
    return h;
  }

  async function send(method: string, path: string, opts: RequestOptions): Promise<Response> {
    const isForm = typeof FormData !== 'undefined' && opts.body instanceof FormData;
    const hasJsonBody = opts.body !== undefined && !isForm;
    const init: RequestInit = {
      method,
      headers: headersFor(opts, hasJsonBody),
      body: isForm ? (opts.body as FormData) : hasJsonBody ? JSON.stringify(opts.body) : undefined,
      signal: opts.signal,
      // The refresh cookie goes to our own origin only (the server also checks Origin).
      credentials: 'same-origin',
    };
    try {
      return await doFetch(url(path, opts.query), init);
    } catch (err) {
      if ((err as Error)?.name === 'AbortError') throw err;
      throw new NetworkError();
    }
  }

  async function refresh(): Promise<boolean> {
    refreshing ??= withTabLock(async () => {
      const stale = tokens.access();
      tokens.reload();
      // Another tab refreshed while we waited for the lock: use its access token, since the
      // cookie has rotated with it.
      if (tokens.access() && tokens.access() !== stale) return true;
      try {
        const res = await send('POST', '/auth/refresh', { anonymous: true });
        if (!res.ok) {
          if (res.status === 401 || res.status === 400 || res.status === 403) {
            tokens.clear();
            options.onSessionLost?.();
          }
          return false;
        }
        tokens.set((await res.json()) as { accessToken: string; expiresIn?: number });
        return true;
      } catch {
        return false;
      }
    }).finally(() => {
      refreshing = null;
    });
    return refreshing;
  }

  async function raw(method: string, path: string, opts: RequestOptions = {}): Promise<Response> {
    const sentWith = tokens.access();
    let res = await send(method, path, opts);
    if (res.status === 401 && !opts.anonymous && sentWith) {
      // Another request may already have rotated the pair while this one was in flight.
      const renewed = tokens.access() !== sentWith || (await refresh());
      if (renewed) res = await send(method, path, opts);
    }
    if (!res.ok) throw await problemFrom(res);
    return res;
  }

  async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
    const res = await raw(method, path, opts);
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    const body = text ? (JSON.parse(text) as T) : (undefined as T);
    if (method !== 'GET' && body && typeof body === 'object' && typeof (body as { position?: unknown }).position === 'string') {
      minPositions.note((body as unknown as { position: string }).position);
    }
    return body;
  }

  return {
    request,
    raw,
    refresh,
    minPositions,
    tokens,
    url,
    get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
    post: <T>(path: string, body?: unknown, opts: RequestOptions = {}) => request<T>('POST', path, { ...opts, body }),
    patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body }),
    put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body }),
    del: <T = void>(path: string) => request<T>('DELETE', path),
    async blob(path: string, signal?: AbortSignal): Promise<Blob> {
      return (await raw('GET', path, { signal })).blob();
    },
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
export { ApiError };

/** Refreshes from several tabs of one browser take turns (Web Locks where available). */
function withTabLock<T>(fn: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  return locks ? (locks.request('groupchat.refresh', fn) as Promise<T>) : fn();
}
