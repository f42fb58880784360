import type { Pool } from '@groupchat/shared';

export type Reason = 'direct' | 'mention' | 'reply' | 'broadcast' | 'message';

/** One push to make: a message, a recipient, why, and what the recipient lets a push show. */
export interface Delivery {
  messageId: string;
  groupId: string;
  groupName: string;
  senderId: string;
  senderName: string;
  userId: string;
  reason: Reason;
  /** The text as the recipient's `pushText` allows it: null for a private conversation unless `always`. */
  text: string | null;
}

/** Longest text a push carries: a push payload is at most about 4 KB once encrypted. */
export const PUSH_TEXT_MAX = 300;

/**
 * Who the queued messages notify, from the views as they are now (docs/notifications.md): of
 * the members with a push subscription who may read the conversation, not the sender, not
 * muted, not blocking the sender, and whose level takes this reason. A direct conversation notifies like a mention; a
 * thread reply notifies its root's author and followers, never level "all" alone. Deleted
 * messages notify nobody, and an edited one is pushed as it reads now.
 */
export async function deliveriesOf(pool: Pool, messageIds: string[]): Promise<Delivery[]> {
  if (!messageIds.length) return [];
  const { rows } = await pool.query<{
    message_id: string;
    group_id: string;
    group_name: string;
    sender_id: string;
    sender_name: string | null;
    user_id: string;
    reason: Reason;
    text: string | null;
  }>(
    `WITH msg AS (
       SELECT m.message_id, m.group_id, m.sender_id, m.text, m.mentions, m.broadcast, m.thread_id,
              g.name AS group_name, g.kind, g.visibility, u.display_name AS sender_name,
              parent.sender_id AS parent_sender, root.sender_id AS root_sender
         FROM messages m
         JOIN groups g ON g.group_id = m.group_id AND NOT g.deleted
         LEFT JOIN users u ON u.user_id = m.sender_id
         LEFT JOIN messages parent ON parent.message_id = m.reply_to
         LEFT JOIN messages root ON root.message_id = m.thread_id
        WHERE m.message_id = ANY($1) AND NOT m.deleted),
     candidates AS (
       SELECT msg.*, s.user_id,
              CASE WHEN msg.kind = 'direct' THEN 'direct'
                   WHEN msg.mentions ? s.user_id THEN 'mention'
                   WHEN msg.parent_sender = s.user_id OR msg.root_sender = s.user_id OR coalesce(f.following, false) THEN 'reply'
                   WHEN msg.broadcast IS NOT NULL AND msg.thread_id IS NULL THEN 'broadcast'
                   ELSE 'message' END AS reason
         FROM msg
         JOIN memberships mem ON mem.group_id = msg.group_id
         JOIN (SELECT DISTINCT user_id FROM push_subscriptions) s ON s.user_id = mem.user_id
         LEFT JOIN thread_follows f ON f.thread_id = msg.thread_id AND f.user_id = s.user_id
         CROSS JOIN LATERAL group_access(msg.group_id, s.user_id) a
        WHERE s.user_id <> msg.sender_id AND a.can_read
          AND NOT EXISTS (SELECT 1 FROM blocks bl WHERE bl.user_id = s.user_id AND bl.blocked_user_id = msg.sender_id))
     SELECT c.message_id, c.group_id, c.group_name, c.sender_id, c.sender_name, c.user_id, c.reason,
            CASE coalesce(ds.push_text, 'public')
              WHEN 'always' THEN left(c.text, ${PUSH_TEXT_MAX})
              WHEN 'public' THEN CASE WHEN c.visibility = 'public' AND c.kind = 'group' THEN left(c.text, ${PUSH_TEXT_MAX}) END
            END AS text
       FROM candidates c
       LEFT JOIN notification_settings gs ON gs.user_id = c.user_id AND gs.group_id = c.group_id
       LEFT JOIN notification_settings ds ON ds.user_id = c.user_id AND ds.group_id IS NULL
      WHERE coalesce(greatest(gs.mute_until, ds.mute_until), '-infinity') <= now()
        AND CASE coalesce(gs.level, ds.level, 'mentions')
              WHEN 'none' THEN false
              WHEN 'mentions' THEN c.reason <> 'message'
              ELSE c.reason <> 'message' OR c.thread_id IS NULL
            END
      ORDER BY c.message_id, c.user_id`,
    [messageIds],
  );
  return rows.map((r) => ({
    messageId: r.message_id,
    groupId: r.group_id,
    groupName: r.group_name,
    senderId: r.sender_id,
    senderName: r.sender_name ?? 'Someone',
    userId: r.user_id,
    reason: r.reason,
    text: r.text,
  }));
}
