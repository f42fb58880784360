import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { isAfter, laterOf } from '../lib/position';
import { AUTH_CLOSE_CODES, AUTH_ERROR_CODES, type ClientFrame, type EventFrame, type ServerFrame, type SocketFactory } from './protocol';
import { useRealtime, type Transport } from './useRealtime';

export type ConnectionStatus = 'idle' | 'connecting' | 'online' | 'offline';

type Listeners = {
  event: (frame: EventFrame) => void;
  typing: (frame: { groupId: string; userId: string }) => void;
  presence: (frame: { groupId: string; online: string[] }) => void;
  unread: (frame: { groupId: string; unread: number; mentions: number; marker?: string | null }) => void;
  threadUnread: (frame: { groupId: string; threadId: string; unread: number; marker?: string | null }) => void;
  resync: (frame: { groupId?: string }) => void;
  unsubscribed: (frame: { groupId: string; reason: string }) => void;
  error: (frame: { code: string; message: string; groupId?: string }) => void;
  ready: () => void;
};

export interface StartOptions {
  url?: string;
  token: () => string | null;
  /** Renew the access token; false when the session is over. */
  refresh: () => Promise<boolean>;
  /** X-Min-Position of our own writes, so a subscribe right after joining is not refused. */
  minPosition?: () => string | undefined;
  createSocket?: SocketFactory;
  baseDelayMs?: number;
  maxDelayMs?: number;
}

const QUEUE_LIMIT = 200;
const TYPING_STALE_MS = 4000;
const RESUBSCRIBE_DELAY_MS = 2000;

/**
 * The realtime connection: auth, one subscription per group resumed from the last position
 * seen, replayed or duplicate events dropped, frames queued while offline.
 */
export const useRealtimeStore = defineStore('realtime', () => {
  const status = ref<ConnectionStatus>('idle');
  const everOnline = ref(false);
  const retryAt = ref<number | null>(null);
  /** groupId → newest position delivered to listeners (the `after` of the next subscribe). */
  const positions = new Map<string, string | null>();
  const queue: { frame: ClientFrame; at: number }[] = [];
  const listeners: { [K in keyof Listeners]: Set<Listeners[K]> } = {
    event: new Set(),
    typing: new Set(),
    presence: new Set(),
    unread: new Set(),
    threadUnread: new Set(),
    resync: new Set(),
    unsubscribed: new Set(),
    error: new Set(),
    ready: new Set(),
  };
  let transport: Transport | null = null;
  let options: StartOptions | null = null;

  const offline = computed(() => status.value === 'offline' || (status.value === 'connecting' && everOnline.value));

  function emit<K extends keyof Listeners>(type: K, ...args: Parameters<Listeners[K]>) {
    for (const fn of listeners[type]) (fn as (...a: Parameters<Listeners[K]>) => void)(...args);
  }

  function write(frame: ClientFrame): boolean {
    return !!transport?.send(JSON.stringify(frame));
  }

  function subscribeFrame(groupId: string): ClientFrame {
    const after = positions.get(groupId);
    const minPosition = options?.minPosition?.();
    return { type: 'subscribe', groupId, ...(after ? { after } : {}), ...(minPosition ? { minPosition } : {}) };
  }

  function onReady() {
    status.value = 'online';
    everOnline.value = true;
    retryAt.value = null;
    transport?.settled();
    // The server counts a new socket as visible: a hidden tab says so at once.
    if (hidden()) write({ type: 'visibility', visible: false });
    for (const groupId of positions.keys()) write(subscribeFrame(groupId));
    const now = Date.now();
    for (const { frame, at } of queue.splice(0)) {
      if (frame.type === 'typing' && now - at > TYPING_STALE_MS) continue;
      write(frame);
    }
    emit('ready');
  }

  function onEvent(frame: EventFrame) {
    if (!positions.has(frame.groupId)) return;
    const last = positions.get(frame.groupId);
    if (last && !isAfter(frame.position, last)) return;
    positions.set(frame.groupId, frame.position);
    emit('event', frame);
  }

  function onFrame(raw: unknown) {
    const frame = raw as ServerFrame;
    switch (frame?.type) {
      case 'ready':
        return onReady();
      case 'event':
        return onEvent(frame);
      case 'typing':
        return emit('typing', frame);
      case 'presence':
        return emit('presence', frame);
      case 'unread':
        return emit('unread', frame);
      case 'thread-unread':
        return emit('threadUnread', frame);
      case 'resync':
        return emit('resync', frame);
      case 'subscribed':
        // Subscribed from "now": that position is where a resume after a drop must start.
        if (frame.position && positions.has(frame.groupId) && !positions.get(frame.groupId)) positions.set(frame.groupId, frame.position);
        return undefined;
      case 'unsubscribed':
        if (frame.reason === 'client') return undefined;
        positions.delete(frame.groupId);
        return emit('unsubscribed', frame);
      case 'error':
        if (AUTH_ERROR_CODES.has(frame.code) && !frame.groupId) return void reauthorise();
        if (frame.groupId) subscriptionFailed(frame.groupId, frame.code);
        return emit('error', frame);
      default:
        return undefined;
    }
  }

  /** Not allowed or gone: stop asking. Anything else (e.g. unavailable): ask again shortly. */
  function subscriptionFailed(groupId: string, code: string) {
    if (!positions.has(groupId)) return;
    if (code === 'forbidden' || code === 'not_found') return void positions.delete(groupId);
    if (code === 'unavailable') {
      setTimeout(() => {
        if (positions.has(groupId) && status.value === 'online') write(subscribeFrame(groupId));
      }, RESUBSCRIBE_DELAY_MS);
    }
  }

  async function reauthorise() {
    if (!options || !(await options.refresh())) return stop();
    transport?.restart();
  }

  /** Not queued: a reconnect starts visible and says "hidden" in onReady if it is. */
  function onVisibility() {
    if (status.value === 'online') write({ type: 'visibility', visible: !hidden() });
  }

  function start(opts: StartOptions) {
    if (transport) return;
    options = opts;
    globalThis.document?.addEventListener('visibilitychange', onVisibility);
    const url = opts.url ?? defaultUrl();
    status.value = 'connecting';
    transport = useRealtime({
      url: () => url,
      createSocket: opts.createSocket,
      baseDelayMs: opts.baseDelayMs,
      maxDelayMs: opts.maxDelayMs,
      onOpen() {
        const token = opts.token();
        if (!token) return void reauthorise();
        write({ type: 'auth', token });
      },
      onFrame,
      async onDrop(code, retryInMs) {
        status.value = everOnline.value ? 'offline' : 'connecting';
        retryAt.value = Date.now() + retryInMs;
        if (AUTH_CLOSE_CODES.has(code) && !(await opts.refresh())) stop();
      },
    });
    transport.connect();
  }

  function stop() {
    globalThis.document?.removeEventListener('visibilitychange', onVisibility);
    transport?.disconnect();
    transport = null;
    options = null;
    status.value = 'idle';
    everOnline.value = false;
    retryAt.value = null;
    positions.clear();
    queue.length = 0;
  }

  /** Follow a group's events after `after` (or from now); a later known position wins. */
  function subscribe(groupId: string, after?: string | null) {
    const had = positions.has(groupId);
    const next = laterOf(positions.get(groupId), after ?? null);
    positions.set(groupId, next);
    if (!had && status.value === 'online') write(subscribeFrame(groupId));
  }

  /** Subscribe again from a given position, e.g. after a resync reloaded the history. */
  function resubscribe(groupId: string, after: string | null) {
    positions.set(groupId, after);
    if (status.value === 'online') write(subscribeFrame(groupId));
  }

  function unsubscribe(groupId: string) {
    if (!positions.delete(groupId)) return;
    if (status.value === 'online') write({ type: 'unsubscribe', groupId });
  }

  function send(frame: ClientFrame) {
    if (status.value === 'online' && write(frame)) return;
    queue.push({ frame, at: Date.now() });
    if (queue.length > QUEUE_LIMIT) queue.shift();
  }

  function on<K extends keyof Listeners>(type: K, listener: Listeners[K]): () => void {
    listeners[type].add(listener);
    return () => listeners[type].delete(listener);
  }

  return {
    status,
    offline,
    retryAt,
    start,
    stop,
    subscribe,
    resubscribe,
    unsubscribe,
    send,
    on,
    retryNow: () => transport?.retryNow(),
    positionOf: (groupId: string) => positions.get(groupId) ?? null,
    subscribed: () => [...positions.keys()],
    queued: () => queue.map((q) => q.frame),
  };
});

const hidden = () => globalThis.document?.visibilityState === 'hidden';

function defaultUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}/ws`;
}
