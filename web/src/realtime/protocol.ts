/** Frames of the /ws contract (ARCHITECTURE.md). */
export type ClientFrame =
  | { type: 'auth'; token: string }
  | { type: 'subscribe'; groupId: string; after?: string; minPosition?: string }
  | { type: 'unsubscribe'; groupId: string }
  | { type: 'typing'; groupId: string }
  /** Whether this tab is visible (docs/notifications.md): a socket counts as visible until it says otherwise. */
  | { type: 'visibility'; visible: boolean };

export interface EventFrame {
  type: 'event';
  groupId: string;
  position: string;
  event: { type: string; [field: string]: unknown };
}

export type ServerFrame =
  | { type: 'ready'; userId?: string }
  | EventFrame
  | { type: 'typing'; groupId: string; userId: string }
  | { type: 'presence'; groupId: string; online: string[] }
  | { type: 'resync'; groupId?: string; reason?: string }
  | { type: 'subscribed'; groupId: string; position?: string }
  | { type: 'unsubscribed'; groupId: string; reason: 'client' | 'removed' | 'left' | 'group_deleted' }
  | { type: 'unread'; groupId: string; unread: number; mentions: number; marker?: string | null }
  | { type: 'thread-unread'; groupId: string; threadId: string; unread: number; marker?: string | null }
  | { type: 'error'; code: string; message: string; groupId?: string };

/** The subset of the browser WebSocket the client uses, so tests can pass a fake. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason?: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

export type SocketFactory = (url: string) => SocketLike;

/** Close codes after which reconnecting at once is right: server restart, or "too slow, resume". */
export const RESUME_NOW_CODES = new Set([1012, 4008]);
/** Close codes that mean the token was refused or expired: refresh it before reconnecting. */
export const AUTH_CLOSE_CODES = new Set([4001, 4003]);
export const AUTH_ERROR_CODES = new Set(['unauthorized', 'token_expired', 'invalid_token', 'auth_required', 'auth_failed']);
