import type { SocketFactory, SocketLike } from './protocol';
import { RESUME_NOW_CODES } from './protocol';

export interface TransportOptions {
  url: () => string;
  createSocket?: SocketFactory;
  onOpen: () => void;
  onFrame: (frame: unknown) => void;
  /** The socket went away unrequested; `retryInMs` is when the next attempt starts. */
  onDrop: (code: number, retryInMs: number) => void | Promise<void>;
  baseDelayMs?: number;
  maxDelayMs?: number;
  random?: () => number;
}

const OPEN = 1;

/**
 * One WebSocket with reconnection: exponential backoff with jitter, and at once after a
 * restart (1012) or a "resume elsewhere" (4008) close. The protocol lives in the realtime store.
 */
export function useRealtime(options: TransportOptions) {
  const { baseDelayMs = 500, maxDelayMs = 15_000, random = Math.random } = options;
  const createSocket: SocketFactory = options.createSocket ?? ((url) => new WebSocket(url) as unknown as SocketLike);
  let socket: SocketLike | null = null;
  let attempts = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let wanted = false;

  function clearTimer() {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  }

  function connect() {
    wanted = true;
    clearTimer();
    if (socket) return;
    const s = createSocket(options.url());
    socket = s;
    s.onopen = () => {
      if (socket === s) options.onOpen();
    };
    s.onmessage = (ev) => {
      if (socket !== s || typeof ev.data !== 'string') return;
      let frame: unknown;
      try {
        frame = JSON.parse(ev.data);
      } catch {
        return;
      }
      options.onFrame(frame);
    };
    s.onerror = () => undefined;
    s.onclose = (ev) => {
      if (socket !== s) return;
      socket = null;
      if (!wanted) return;
      const delay = RESUME_NOW_CODES.has(ev.code) ? 0 : backoff();
      attempts += 1;
      timer = setTimeout(connect, delay);
      void options.onDrop(ev.code, delay);
    };
  }

  function backoff(): number {
    const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** attempts);
    return Math.round(ceiling / 2 + (random() * ceiling) / 2);
  }

  return {
    connect,
    /** Called once the server accepted us: the next drop starts the backoff from the bottom. */
    settled() {
      attempts = 0;
    },
    /** Try now instead of waiting for the backoff (the browser says it is back online). */
    retryNow() {
      if (wanted && !socket) connect();
    },
    /** Close and open again, e.g. with a fresh token. */
    restart(code = 4000) {
      const s = socket;
      socket = null;
      s?.close(code, 'restart');
      if (wanted) connect();
    },
    disconnect() {
      wanted = false;
      clearTimer();
      const s = socket;
      socket = null;
      s?.close(1000, 'bye');
    },
    send(data: string): boolean {
      if (!socket || socket.readyState !== OPEN) return false;
      socket.send(data);
      return true;
    },
    isOpen: () => socket?.readyState === OPEN,
  };
}

export type Transport = ReturnType<typeof useRealtime>;
