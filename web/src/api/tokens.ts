/** The access token; the refresh token lives in an HttpOnly cookie that no script of the page can read. */
export interface TokenPair {
  accessToken: string;
  expiresIn?: number;
}

export interface TokenStore {
  access(): string | null;
  set(pair: TokenPair): void;
  clear(): void;
  /** Reads the pair again from storage (another tab may have rotated it). */
  reload(): void;
  /** Called with the new pair (or null on sign-out), also when another tab changed it. */
  subscribe(listener: (pair: TokenPair | null) => void): () => void;
}

const KEY = 'groupchat.session';

/** The access token kept in localStorage so a reload or a second tab stays signed in (refreshing through the cookie when it expired). */
export function createTokenStore(storage: Storage | undefined = globalThis.localStorage): TokenStore {
  let pair: TokenPair | null = read();
  const listeners = new Set<(pair: TokenPair | null) => void>();

  function read(): TokenPair | null {
    try {
      const raw = storage?.getItem(KEY);
      const parsed = raw ? (JSON.parse(raw) as TokenPair & { refreshToken?: unknown }) : null;
      if (!parsed?.accessToken) return null;
      // A session stored before the cookie carried a refresh token: drop it from storage.
      if ('refreshToken' in parsed) storage?.setItem(KEY, JSON.stringify({ accessToken: parsed.accessToken, expiresIn: parsed.expiresIn }));
      return { accessToken: parsed.accessToken, expiresIn: parsed.expiresIn };
    } catch {
      return null;
    }
  }
  function emit() {
    for (const l of listeners) l(pair);
  }
  if (typeof window !== 'undefined' && storage === globalThis.localStorage) {
    window.addEventListener('storage', (e) => {
      if (e.key !== KEY) return;
      pair = read();
      emit();
    });
  }

  return {
    access: () => pair?.accessToken ?? null,
    set(next) {
      pair = { accessToken: next.accessToken, expiresIn: next.expiresIn };
      storage?.setItem(KEY, JSON.stringify(pair));
      emit();
    },
    reload() {
      pair = read();
    },
    clear() {
      pair = null;
      storage?.removeItem(KEY);
      emit();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (k) => map.get(k) ?? null,
    key: (i) => [...map.keys()][i] ?? null,
    removeItem: (k) => void map.delete(k),
    setItem: (k, v) => void map.set(k, String(v)),
  };
}
