import { formatPosition } from '@groupchat/shared';

/** Reactions list at most this many reactors each (who reacted, on hover); `count` is exact. */
const REACTORS = 20;
/** A quote carries the start of its parent's text. */
const QUOTE_CHARS = 300;

export interface MessageRow {
  message_id: string | null;
  group_id: string;
  sender_id: string;
  client_message_id: string;
  text: string | null;
  attachments: Record<string, unknown>[] | null;
  sent_at: Date;
  edited_at: Date | null;
  deleted: boolean;
  reply_to: string | null;
  thread_id: string | null;
  mentions: string[];
  broadcast: 'here' | 'everyone' | null;
  link_preview: string | null;
  reply_count: number;
  last_reply_at: Date | null;
  partition: number;
  offset: number;
  username: string | null;
  display_name: string | null;
  avatar_media_id: string | null;
  reactions: { emoji: string; count: number; mine: boolean; userIds: string[] }[];
  quote: { id: string; senderId: string; username: string | null; displayName: string | null; text: string | null; deleted: boolean } | null;
  sender_blocked: boolean;
}

/**
 * The columns of a message as every listing returns it, over rows `p` of the messages view:
 * its sender, its reactions (`$2` is the caller) and the quote of the message it answers. A
 * deleted parent is quoted as deleted, never with its text. `sender_blocked`: the caller has
 * blocked the sender, so the web collapses it (docs/moderation.md).
 */
export const MESSAGE_COLUMNS = `p.message_id, p.group_id, p.sender_id, p.client_message_id, p.text, p.attachments, p.sent_at, p.edited_at, p.deleted,
       p.reply_to, p.thread_id, p.mentions, p.broadcast, p.link_preview, p.reply_count, p.last_reply_at, p.partition, p."offset",
       u.username, u.display_name, u.avatar_media_id, coalesce(r.reactions, '[]'::json) AS reactions, q.quote,
       EXISTS (SELECT 1 FROM blocks b WHERE b.user_id = $2 AND b.blocked_user_id = p.sender_id) AS sender_blocked`;

export const MESSAGE_JOINS = `LEFT JOIN users u ON u.user_id = p.sender_id
      LEFT JOIN LATERAL (
        SELECT json_agg(json_build_object('emoji', x.emoji, 'count', x.n, 'mine', x.mine, 'userIds', x.user_ids) ORDER BY x.first, x.emoji) AS reactions
          FROM (SELECT emoji, count(*)::int AS n, bool_or(user_id = $2) AS mine, min(reacted_at) AS first,
                       (array_agg(user_id ORDER BY reacted_at, user_id))[1:${REACTORS}] AS user_ids
                  FROM reactions WHERE message_id = p.message_id AND NOT p.deleted GROUP BY emoji) x
      ) r ON true
      LEFT JOIN LATERAL (
        SELECT json_build_object('id', o.message_id, 'senderId', o.sender_id, 'username', ou.username, 'displayName', ou.display_name,
                                 'text', CASE WHEN o.deleted THEN NULL ELSE left(o.text, ${QUOTE_CHARS}) END, 'deleted', o.deleted) AS quote
          FROM messages o LEFT JOIN users ou ON ou.user_id = o.sender_id
         WHERE o.message_id = p.reply_to AND o.group_id = p.group_id
      ) q ON true`;

export function toMessage(r: MessageRow) {
  return {
    id: r.message_id!,
    groupId: r.group_id,
    senderId: r.sender_id,
    sender: { username: r.username, displayName: r.display_name, avatarMediaId: r.avatar_media_id },
    clientMessageId: r.client_message_id,
    text: r.deleted ? null : r.text,
    attachments: r.deleted ? [] : (r.attachments ?? []).map(withUrls),
    sentAt: r.sent_at.toISOString(),
    editedAt: r.edited_at ? r.edited_at.toISOString() : null,
    deleted: r.deleted,
    reactions: r.reactions,
    replyTo: r.reply_to === null ? null : (r.quote ?? { id: r.reply_to, senderId: null, username: null, displayName: null, text: null, deleted: true }),
    threadId: r.thread_id,
    thread: r.reply_count > 0 ? { replyCount: r.reply_count, lastReplyAt: r.last_reply_at!.toISOString() } : null,
    mentions: r.deleted ? [] : r.mentions,
    broadcast: r.deleted ? null : r.broadcast,
    linkPreview: r.deleted ? null : r.link_preview,
    senderBlocked: r.sender_blocked,
    position: formatPosition({ topic: 'messages', partition: r.partition, offset: BigInt(r.offset) }),
  };
}

export type MessageItem = ReturnType<typeof toMessage>;

function withUrls(a: Record<string, unknown>) {
  const id = encodeURIComponent(String(a.mediaId));
  return { ...a, url: `/api/v1/media/${id}`, thumbnailUrl: a.thumbnailMediaId ? `/api/v1/media/${id}/thumbnail` : null };
}
