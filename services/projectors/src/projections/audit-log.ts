import type { EventOf, EventType } from '@groupchat/schemas';
import { defineProjection, ms, withRows, type Envelope, type PostgresContext } from '../framework';
import type { BatchHandler } from '../framework/types';

/** What one event adds to a group's audit log; `null` for an event that is no moderation or settings action. */
interface Entry {
  action: string;
  actorId: string | null;
  targetUserId?: string | null;
  targetMessageId?: string | null;
  details?: Record<string, unknown>;
}

type Describe<T extends EventType> = (e: EventOf<T>) => Entry | null;

/** The settings a GroupUpdated may change: it carries the new value of each field it changes, null for the others (retentionDays 0: kept forever). */
const SETTINGS = ['name', 'description', 'interests', 'visibility', 'slowModeSeconds', 'broadcastMinRole', 'retentionDays'] as const;

/**
 * The actions listed, by event type. A new moderation event (reports, invite links, blocked
 * words…) is one line here, plus its action name in query-api's AUDIT_ACTIONS (the `action=`
 * filter) and in docs/moderation.md: nothing else changes, and the entry is exactly-once like
 * every other.
 */
const ACTIONS: { [T in EventType]?: Describe<T> } = {
  GroupCreated: (e) => (e.kind === 'direct' ? null : { action: 'group_created', actorId: e.ownerId, details: { name: e.name, visibility: e.visibility } }),
  GroupDeleted: (e) => ({ action: 'group_deleted', actorId: e.actorId }),
  GroupUpdated: (e) => {
    const changed = SETTINGS.filter((f) => e[f] !== null && e[f] !== undefined);
    return { action: 'settings_changed', actorId: e.actorId, details: { fields: changed, ...Object.fromEntries(changed.map((f) => [f, e[f]])) } };
  },
  MemberInvited: (e) => ({ action: 'member_invited', actorId: e.invitedBy, targetUserId: e.userId }),
  MemberRemoved: (e) => ({ action: 'member_removed', actorId: e.removedBy, targetUserId: e.userId }),
  MemberRoleChanged: (e) => ({ action: 'role_changed', actorId: e.changedBy, targetUserId: e.userId, details: { role: e.role } }),
  MemberBanned: (e) => ({ action: 'member_banned', actorId: e.bannedBy, targetUserId: e.userId, details: { reason: e.reason, until: iso(e.until) } }),
  MemberUnbanned: (e) => ({ action: 'member_unbanned', actorId: e.unbannedBy, targetUserId: e.userId }),
  MemberTimedOut: (e) => ({ action: 'member_timed_out', actorId: e.timedOutBy, targetUserId: e.userId, details: { reason: e.reason, until: iso(e.until) } }),
  MessagePinned: (e) => ({ action: 'message_pinned', actorId: e.actorId, targetMessageId: e.messageId }),
  MessageUnpinned: (e) => ({ action: 'message_unpinned', actorId: e.actorId, targetMessageId: e.messageId }),
  InviteRevoked: (e) => ({ action: 'invite_revoked', actorId: e.revokedBy, targetUserId: e.userId }),
  InviteLinkCreated: (e) => ({
    action: 'invite_link_created',
    actorId: e.createdBy,
    details: { code: e.code, expiresAt: iso(e.expiresAt), maxUses: e.maxUses },
  }),
  InviteLinkRevoked: (e) => ({ action: 'invite_link_revoked', actorId: e.revokedBy, details: { code: e.code } }),
  AutoModerationSet: (e) => ({
    action: 'auto_moderation_changed',
    actorId: e.setBy,
    details: { patterns: e.patterns.length, action: e.action, newMemberMinutes: e.newMemberMinutes, newMemberSlowModeSeconds: e.newMemberSlowModeSeconds },
  }),
  ReportResolved: (e) => ({ action: 'report_resolved', actorId: e.resolvedBy, details: { reportId: e.reportId, action: e.action } }),
  MessageRestored: (e) => ({ action: 'message_restored', actorId: e.actorId, targetUserId: e.senderId, targetMessageId: e.messageId }),
};

/**
 * The audit log of each group: one row per moderation or settings action (docs/moderation.md).
 * A row's primary key is its event's place in the log (topic, partition, offset), and its
 * event id is unique too, so neither a replay, a crash between write and checkpoint, nor a
 * duplicated record lists an action twice. It reads its own topics only: whether a deletion
 * was of someone else's message is decided from `audit_senders`, the sender of each message
 * not yet deleted, kept here from MessageSent (a group's messages share one partition, so the
 * send is always applied before its deletion).
 */
export const auditLog = defineProjection({
  name: 'audit-log',
  // v2: invites revoked, invite links, auto-moderation, resolved reports and undone removals.
  version: 2,
  storage: 'postgres',
  topics: ['groups', 'messages'],
  tables: ['audit_log', 'audit_senders'],
  views: {
    audit_log: (t) => `SELECT topic, partition, "offset", group_id, at, actor_id, action, target_user_id, target_message_id, details FROM ${t('audit_log')}`,
  },
  async setup({ client, table }) {
    await client.query(`CREATE TABLE ${table('audit_log')} (
      topic text NOT NULL, partition int NOT NULL, "offset" bigint NOT NULL, event_id text NOT NULL UNIQUE, group_id text NOT NULL,
      at timestamptz NOT NULL, actor_id text, action text NOT NULL, target_user_id text, target_message_id text, details jsonb NOT NULL,
      PRIMARY KEY (topic, partition, "offset"))`);
    await client.query(`CREATE INDEX ON ${table('audit_log')} (group_id, at DESC, topic DESC, partition DESC, "offset" DESC)`);
    await client.query(`CREATE TABLE ${table('audit_senders')} (message_id text PRIMARY KEY, sender_id text NOT NULL)`);
  },
  // Entries only add rows (keyed by position), so they commute; a message's send and deletion keep their order.
  keys: ({ event }) => (event.type === 'MessageSent' || event.type === 'MessageDeleted' || event.type === 'MessageRestored' ? [event.messageId] : undefined),
  batchHandlers: {
    ...(Object.fromEntries(Object.keys(ACTIONS).map((type) => [type, entries])) as { [T in EventType]?: BatchHandler<T, PostgresContext> }),
    MessageSent: keepSenders,
    // A restored message is there again: listed, and its sender kept for its next deletion.
    MessageRestored: async (envelopes, ctx) => {
      await entries(envelopes, ctx);
      await keepSenders(envelopes, ctx);
    },
    // Listed only when the deleter is not the sender; the sender's row goes, as a message is deleted once.
    MessageDeleted: (envelopes, ctx) =>
      withRows(
        ctx,
        `WITH x AS (SELECT * FROM json_to_recordset($1::json) AS x(topic text, partition int, "offset" bigint, event_id text, group_id text, at bigint, actor_id text, message_id text)),
              gone AS (DELETE FROM ${ctx.table('audit_senders')} s USING x WHERE s.message_id = x.message_id RETURNING s.message_id, s.sender_id)
         INSERT INTO ${ctx.table('audit_log')} (topic, partition, "offset", event_id, group_id, at, actor_id, action, target_user_id, target_message_id, details)
         SELECT x.topic, x.partition, x."offset", x.event_id, x.group_id, ${ms('x.at')}, x.actor_id, 'message_deleted', gone.sender_id, x.message_id, '{}'
           FROM x JOIN gone USING (message_id) WHERE x.actor_id IS DISTINCT FROM gone.sender_id
         ON CONFLICT DO NOTHING`,
        envelopes.map(({ event: e, ...at }) => ({ ...place(at, e), actor_id: e.actorId, message_id: e.messageId })),
      ),
  },
});

function keepSenders(envelopes: Envelope<EventOf<'MessageSent' | 'MessageRestored'>>[], ctx: PostgresContext) {
  return withRows(
    ctx,
    `INSERT INTO ${ctx.table('audit_senders')} (message_id, sender_id)
     SELECT message_id, sender_id FROM json_to_recordset($1::json) AS x(message_id text, sender_id text) ON CONFLICT DO NOTHING`,
    envelopes.map(({ event: e }) => ({ message_id: e.messageId, sender_id: e.senderId })),
  );
}

/** Writes the entries ACTIONS describes for a batch of one event type. */
function entries(envelopes: Envelope[], ctx: PostgresContext) {
  const rows = envelopes.flatMap(({ event: e, ...at }) => {
    const entry = (ACTIONS[e.type] as Describe<EventType> | undefined)?.(e);
    if (!entry) return [];
    const { action, actorId, targetUserId = null, targetMessageId = null, details = {} } = entry;
    return [{ ...place(at, e), actor_id: actorId, action, target_user_id: targetUserId, target_message_id: targetMessageId, details }];
  });
  return withRows(
    ctx,
    `INSERT INTO ${ctx.table('audit_log')} (topic, partition, "offset", event_id, group_id, at, actor_id, action, target_user_id, target_message_id, details)
     SELECT topic, partition, "offset", event_id, group_id, ${ms('at')}, actor_id, action, target_user_id, target_message_id, details
       FROM json_to_recordset($1::json) AS x(topic text, partition int, "offset" bigint, event_id text, group_id text, at bigint, actor_id text,
                                             action text, target_user_id text, target_message_id text, details jsonb)
     ON CONFLICT DO NOTHING`,
    rows,
  );
}

function place(at: Omit<Envelope, 'event'>, e: EventOf<EventType>) {
  return { topic: at.topic, partition: at.partition, offset: at.offset, event_id: e.eventId, group_id: (e as { groupId: string }).groupId, at: e.occurredAt };
}

const iso = (millis: number | null) => (millis === null ? null : new Date(millis).toISOString());
