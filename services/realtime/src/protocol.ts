import { formatPosition } from '@groupchat/shared';

/** Close codes; 4xxx mirror the HTTP status they resemble. */
export const CLOSE = {
  /** No valid token in time, or a frame other than `auth` first. */
  unauthenticated: 4001,
  /** The access token expired (at connect or while connected): refresh it and reconnect. */
  tokenExpired: 4003,
  /** The client did not read fast enough; reconnect and resume from the last position. */
  slowConsumer: 4008,
  /** Too many connections for this user, or frames sent far beyond the rate limit. */
  tooMany: 4029,
  /** The process is shutting down; reconnect (to another process) and resume. */
  restart: 1012,
} as const;

export type ClientFrame =
  | { type: 'auth'; token: string }
  | { type: 'subscribe'; groupId: string; after?: string; minPosition?: string }
  | { type: 'unsubscribe'; groupId: string }
  | { type: 'typing'; groupId: string }
  | { type: 'visibility'; visible: boolean }
  | SendFrame;

/**
 * A message to send. Only `clientMessageId` is checked here (the answer names it); the rest
 * goes to the command API as is, which validates it as it validates an HTTP send.
 */
export interface SendFrame {
  type: 'send';
  clientMessageId: string;
  groupId: unknown;
  text?: unknown;
  attachments?: unknown;
  replyTo?: unknown;
  threadId?: unknown;
  mentions?: unknown;
  linkPreview?: unknown;
  /** Position tokens of the sender's own earlier writes, as X-Min-Position. */
  minPosition?: string;
}

export type UnsubscribeReason = 'client' | 'removed' | 'left' | 'group_deleted';

export type ResyncReason =
  | 'invalid_position'
  | 'position_ahead'
  | 'read_model_behind'
  | 'too_far_behind'
  | 'too_much_live'
  | 'undecodable_event'
  | 'membership_unknown'
  | 'connection_gone';

export type ServerFrame =
  | { type: 'ready'; userId: string }
  | { type: 'subscribed'; groupId: string; position?: string }
  | { type: 'unsubscribed'; groupId: string; reason: UnsubscribeReason }
  | { type: 'typing'; groupId: string; userId: string }
  | { type: 'presence'; groupId: string; online: string[] }
  | { type: 'resync'; groupId: string; reason: ResyncReason }
  | { type: 'ack'; clientMessageId: string; messageId: string; position: string }
  | { type: 'unread'; groupId: string; unread: number; mentions: number; marker: string | null }
  | { type: 'thread-unread'; groupId: string; threadId: string; unread: number; marker: string | null }
  | { type: 'error'; code: string; message: string; groupId?: string; clientMessageId?: string; status?: number; retryAfter?: number; errors?: unknown };

export class FrameError extends Error {}

const GROUP_ID = /^[A-Za-z0-9_.:-]{1,128}$/;

/** Validates a client frame; anything unexpected is a FrameError with a message for the client. */
export function parseClientFrame(text: string): ClientFrame {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new FrameError('frame is not valid JSON');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new FrameError('frame must be a JSON object');
  const frame = value as Record<string, unknown>;
  switch (frame.type) {
    case 'auth':
      return { type: 'auth', token: text1(frame.token, 'token', 8192) };
    case 'subscribe':
      return {
        type: 'subscribe',
        groupId: groupId(frame.groupId),
        ...(frame.after == null ? {} : { after: text1(frame.after, 'after', 64) }),
        ...(frame.minPosition == null ? {} : { minPosition: text1(frame.minPosition, 'minPosition', 512) }),
      };
    case 'send':
      return sendFrame(frame);
    case 'unsubscribe':
    case 'typing':
      return { type: frame.type, groupId: groupId(frame.groupId) };
    case 'visibility':
      if (typeof frame.visible !== 'boolean') throw new FrameError('visible must be true or false');
      return { type: 'visibility', visible: frame.visible };
    default:
      throw new FrameError(`unknown frame type ${JSON.stringify(String(frame.type)).slice(0, 40)}`);
  }
}

/** What a send carries to the command API besides its group and id, as given. */
export const SENT_FIELDS = ['text', 'attachments', 'replyTo', 'threadId', 'mentions', 'linkPreview'] as const;

function sendFrame(frame: Record<string, unknown>): SendFrame {
  if (typeof frame.clientMessageId !== 'string' || !frame.clientMessageId.length || frame.clientMessageId.length > 64) {
    throw new FrameError('clientMessageId must be a non-empty string of at most 64 characters');
  }
  return {
    type: 'send',
    clientMessageId: frame.clientMessageId,
    groupId: frame.groupId,
    ...Object.fromEntries(SENT_FIELDS.filter((f) => frame[f] !== undefined).map((f) => [f, frame[f]])),
    ...(frame.minPosition == null ? {} : { minPosition: text1(frame.minPosition, 'minPosition', 512) }),
  };
}

function text1(v: unknown, field: string, max: number): string {
  if (typeof v !== 'string' || !v.length || v.length > max) throw new FrameError(`${field} must be a non-empty string of at most ${max} characters`);
  return v;
}

function groupId(v: unknown): string {
  if (typeof v !== 'string' || !GROUP_ID.test(v)) throw new FrameError('groupId must be a group id');
  return v;
}

/** A text frame's payload: JSON, or the same already encoded as UTF-8 to be written to many sockets unchanged. */
export type Frame = string | Buffer;

/**
 * The event frame; `eventJson` is already JSON, so a frame is built and encoded once and the
 * same bytes go to every subscriber.
 */
export function eventFrame(groupId: string, partition: number, offset: number, eventJson: string): Buffer {
  const position = formatPosition({ topic: 'messages', partition, offset: BigInt(offset) });
  return Buffer.from(`{"type":"event","groupId":${JSON.stringify(groupId)},"position":"${position}","event":${eventJson}}`);
}
