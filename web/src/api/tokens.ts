export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn?: number;
}

export interface TokenStore {
  access(): string | null;
  refresh(): string | null;
  set(pair: TokenPair): void;
  clear(): void;
  /** Reads the pair again from storage (another tab may have rotated it). */
  reload(): void;
  /** Called with the new pair (or null on sign-out), also when another tab changed it. */
  subscribe(listener: (pair: TokenPair | null) => void): () => void;
}

const KEY = 'groupchat.session';

/** Tokens kept in localStorage so a reload or a second tab stays signed in. */
export function createTokenStore(storage: Storage | undefined = globalThis.localStorage): TokenStore {
  let pair: TokenPair | null = read();
  const listeners = new Set<(pair: TokenPair | null) => void>();

  function read(): TokenPair | null {
    try {
      const raw = storage?.getItem(KEY);
      const parsed = raw ? (JSON.parse(raw) as TokenPair) : null;
      return parsed?.accessToken && parsed.refreshToken ? parsed : null;
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
    refresh: () => pair?.refreshToken ?? null,
    set(next) {
      pair = { accessToken: next.accessToken, refreshToken: next.refreshToken, expiresIn: next.expiresIn };
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
