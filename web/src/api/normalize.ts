import type { Attachment, Message, Quote, Reaction, ThreadSummary, User } from './types';

type Raw = Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Accepts the user shapes of login, /me and /users (id or userId). */
export function toUser(raw: Raw): User {
  return {
    id: str(raw.id) ?? str(raw.userId) ?? '',
    username: str(raw.username) ?? '',
    displayName: str(raw.displayName) ?? str(raw.username) ?? '',
    bio: str(raw.bio) ?? '',
    interests: Array.isArray(raw.interests) ? raw.interests.map(String) : [],
    avatarMediaId: str(raw.avatarMediaId) ?? null,
    email: str(raw.email),
  };
}

/**
 * Reactions arrive aggregated; accept a list of {emoji, count, userIds?, me?} or a map of
 * emoji to user ids or counts.
 */
export function toReactions(raw: unknown, me: string | null): Reaction[] {
  if (Array.isArray(raw)) {
    return raw
      .filter((r): r is Raw => typeof r === 'object' && r !== null && typeof (r as Raw).emoji === 'string')
      .map((r) => {
        const userIds = Array.isArray(r.userIds) ? r.userIds.map(String) : Array.isArray(r.users) ? r.users.map(String) : undefined;
        const mine =
          typeof r.me === 'boolean'
            ? r.me
            : typeof r.mine === 'boolean'
              ? r.mine
              : typeof r.reactedByMe === 'boolean'
                ? r.reactedByMe
                : !!(me && userIds?.includes(me));
        return { emoji: String(r.emoji), count: Number(r.count ?? userIds?.length ?? 0), mine, userIds };
      })
      .filter((r) => r.count > 0);
  }
  if (raw && typeof raw === 'object') {
    return Object.entries(raw as Raw)
      .map(([emoji, v]) => {
        const userIds = Array.isArray(v) ? v.map(String) : undefined;
        return { emoji, count: userIds ? userIds.length : Number(v) || 0, mine: !!(me && userIds?.includes(me)), userIds };
      })
      .filter((r) => r.count > 0);
  }
  return [];
}

export function toAttachment(raw: Raw): Attachment {
  const contentType = str(raw.contentType) ?? 'application/octet-stream';
  const kind =
    str(raw.kind) ??
    (contentType.startsWith('image/') ? 'image' : contentType.startsWith('video/') ? 'video' : contentType.startsWith('audio/') ? 'audio' : 'file');
  return {
    mediaId: str(raw.mediaId) ?? str(raw.id) ?? '',
    kind: kind as Attachment['kind'],
    contentType,
    size: Number(raw.size ?? 0),
    fileName: str(raw.fileName) ?? null,
    width: typeof raw.width === 'number' ? raw.width : null,
    height: typeof raw.height === 'number' ? raw.height : null,
    durationMs: typeof raw.durationMs === 'number' ? raw.durationMs : null,
    thumbnailMediaId: str(raw.thumbnailMediaId) ?? null,
  };
}

export function toTimestamp(v: unknown): string {
  if (typeof v === 'number') return new Date(v).toISOString();
  if (typeof v === 'string' && /^\d+$/.test(v)) return new Date(Number(v)).toISOString();
  return typeof v === 'string' ? v : new Date().toISOString();
}

export function toMessage(raw: Raw, me: string | null): Message {
  return {
    id: str(raw.id) ?? str(raw.messageId) ?? '',
    groupId: str(raw.groupId) ?? '',
    senderId: str(raw.senderId) ?? '',
    text: str(raw.text) ?? null,
    attachments: Array.isArray(raw.attachments) ? raw.attachments.filter((a): a is Raw => typeof a === 'object' && a !== null).map(toAttachment) : [],
    sentAt: toTimestamp(raw.sentAt ?? raw.occurredAt),
    editedAt: raw.editedAt ? toTimestamp(raw.editedAt) : null,
    deleted: raw.deleted === true,
    reactions: toReactions(raw.reactions, me),
    position: str(raw.position) ?? null,
    clientMessageId: str(raw.clientMessageId),
    linkPreview: str(raw.linkPreview) ?? null,
    ...mentioning(raw),
    ...conversing(raw),
    ...(raw.sender && typeof raw.sender === 'object' ? { sender: raw.sender as Message['sender'] } : {}),
  };
}

/** `mentions` and `broadcast` of a history item or a MessageSent event, when they carry them. */
export function mentioning(raw: Raw): Pick<Message, 'mentions' | 'broadcast'> {
  return {
    mentions: Array.isArray(raw.mentions) ? raw.mentions.map(String) : [],
    broadcast: raw.broadcast === 'here' || raw.broadcast === 'everyone' ? raw.broadcast : null,
  };
}

/** Where a history item sits in a conversation: the parent it quotes, the thread it is in, its own thread's summary. */
export function conversing(raw: Raw): Pick<Message, 'replyTo' | 'threadId' | 'thread'> {
  return { replyTo: toQuote(raw.replyTo), threadId: str(raw.threadId) ?? null, thread: toThreadSummary(raw.thread) };
}

function toQuote(v: unknown): Quote | null {
  if (!v || typeof v !== 'object') return null;
  const q = v as Raw;
  const deleted = q.deleted === true;
  return {
    id: str(q.id) ?? '',
    senderId: str(q.senderId) ?? null,
    username: str(q.username) ?? null,
    displayName: str(q.displayName) ?? null,
    text: deleted ? null : (str(q.text) ?? null),
    deleted,
  };
}

function toThreadSummary(v: unknown): ThreadSummary | null {
  if (!v || typeof v !== 'object') return null;
  const t = v as Raw;
  const replyCount = Number(t.replyCount ?? 0);
  return replyCount > 0 ? { replyCount, lastReplyAt: toTimestamp(t.lastReplyAt) } : null;
}
