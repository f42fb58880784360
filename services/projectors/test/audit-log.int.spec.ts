import { describe, it } from 'vitest';
import { auditLog } from '../src/projections/audit-log';
import { projectionSpec } from './support/projection-spec';
import { event, groupCreated, joined, sent } from './support/events';

const spec = projectionSpec(auditLog);
const at = (e: { occurredAt: number }) => new Date(e.occurredAt);
const ENTRY = `SELECT action, actor_id, target_user_id, target_message_id, at, details FROM audit_log ORDER BY at, topic, "offset"`;

describe('the audit log projection', () => {
  it('lists each moderation and settings action once, with actor, target and time', async () => {
    const created = groupCreated('g1', 'olga');
    const invited = event('MemberInvited', { groupId: 'g1', userId: 'ivan', invitedBy: 'olga' });
    const promoted = event('MemberRoleChanged', { groupId: 'g1', userId: 'mia', role: 'moderator', changedBy: 'olga' });
    const slow = event('GroupUpdated', {
      groupId: 'g1',
      name: null,
      description: null,
      interests: null,
      visibility: null,
      slowModeSeconds: 30,
      broadcastMinRole: 'admin',
      actorId: 'olga',
    });
    const message = sent('g1', 'm1', 'bob');
    const pinned = event('MessagePinned', { groupId: 'g1', messageId: 'm1', actorId: 'mia' });
    const unpinned = event('MessageUnpinned', { groupId: 'g1', messageId: 'm1', actorId: 'mia' });
    const deleted = event('MessageDeleted', { groupId: 'g1', messageId: 'm1', actorId: 'mia' });
    const removed = event('MemberRemoved', { groupId: 'g1', userId: 'bob', removedBy: 'mia' });
    const banned = event('MemberBanned', { groupId: 'g1', userId: 'bob', bannedBy: 'mia', reason: '=spam', until: null, deleteMessagesSince: null });
    const gone = event('GroupDeleted', { groupId: 'g1', actorId: 'olga' });
    await spec.given(created, joined('g1', 'olga', 'owner'), invited, promoted, slow, message, pinned, unpinned, deleted, removed, banned, gone).then(ENTRY, [
      {
        action: 'group_created',
        actor_id: 'olga',
        target_user_id: null,
        target_message_id: null,
        at: at(created),
        details: { name: 'group g1', visibility: 'public' },
      },
      { action: 'member_invited', actor_id: 'olga', target_user_id: 'ivan', target_message_id: null, at: at(invited), details: {} },
      { action: 'role_changed', actor_id: 'olga', target_user_id: 'mia', target_message_id: null, at: at(promoted), details: { role: 'moderator' } },
      {
        action: 'settings_changed',
        actor_id: 'olga',
        target_user_id: null,
        target_message_id: null,
        at: at(slow),
        details: { fields: ['slowModeSeconds', 'broadcastMinRole'], slowModeSeconds: 30, broadcastMinRole: 'admin' },
      },
      { action: 'message_pinned', actor_id: 'mia', target_user_id: null, target_message_id: 'm1', at: at(pinned), details: {} },
      { action: 'message_unpinned', actor_id: 'mia', target_user_id: null, target_message_id: 'm1', at: at(unpinned), details: {} },
      { action: 'message_deleted', actor_id: 'mia', target_user_id: 'bob', target_message_id: 'm1', at: at(deleted), details: {} },
      { action: 'member_removed', actor_id: 'mia', target_user_id: 'bob', target_message_id: null, at: at(removed), details: {} },
      { action: 'member_banned', actor_id: 'mia', target_user_id: 'bob', target_message_id: null, at: at(banned), details: { reason: '=spam', until: null } },
      { action: 'group_deleted', actor_id: 'olga', target_user_id: null, target_message_id: null, at: at(gone), details: {} },
    ]);
  });

  it('adds nothing for a repeated event, in the same batch or a later one', async () => {
    const promoted = event('MemberRoleChanged', { groupId: 'g1', userId: 'mia', role: 'admin', changedBy: 'olga' });
    const message = sent('g1', 'm1', 'bob');
    const deleted = event('MessageDeleted', { groupId: 'g1', messageId: 'm1', actorId: 'mia' });
    await spec
      .given(promoted, message, deleted, promoted, message, deleted, promoted)
      .then(`SELECT action, actor_id, target_user_id FROM audit_log ORDER BY at`, [
        { action: 'role_changed', actor_id: 'olga', target_user_id: 'mia' },
        { action: 'message_deleted', actor_id: 'mia', target_user_id: 'bob' },
      ]);
  });

  it('does not list members deleting their own messages, nor direct conversations being made', async () => {
    await spec
      .given(
        groupCreated('d1', 'ada', { kind: 'direct' }),
        sent('g1', 'm1', 'bob'),
        sent('g1', 'm2', 'bob'),
        event('MessageDeleted', { groupId: 'g1', messageId: 'm1', actorId: 'bob' }),
        event('MessageDeleted', { groupId: 'g1', messageId: 'm2', actorId: 'mod' }),
      )
      .then(`SELECT action, actor_id, target_message_id FROM audit_log`, [{ action: 'message_deleted', actor_id: 'mod', target_message_id: 'm2' }]);
  });

  it('lists an undone removal, and the same message removed again; invite links, auto-moderation and resolved reports', async () => {
    const removed = () => event('MessageDeleted', { groupId: 'g1', messageId: 'm1', actorId: 'mod' });
    const restored = () =>
      event('MessageRestored', {
        ...{ groupId: 'g1', messageId: 'm1', senderId: 'bob', text: 'hi', attachments: [], replyTo: null, threadId: null, mentions: [], broadcast: null },
        ...{ linkPreview: null, sentAt: 0, sentOffset: 0, removedBy: 'mod', actorId: 'olga' },
      });
    await spec
      .given(
        sent('g1', 'm1', 'bob'),
        removed(),
        restored(),
        removed(),
        event('InviteLinkCreated', { groupId: 'g1', code: 'abc', createdBy: 'mod', expiresAt: null, maxUses: 5 }),
        event('InviteLinkRevoked', { groupId: 'g1', code: 'abc', revokedBy: 'olga' }),
        event('AutoModerationSet', {
          groupId: 'g1',
          setBy: 'olga',
          patterns: ['spam', 'scam'],
          action: 'flag',
          newMemberMinutes: 10,
          newMemberSlowModeSeconds: 30,
        }),
        event('ReportResolved', { groupId: 'g1', reportId: 'r1', resolvedBy: 'mod', action: 'dismiss', note: null }),
      )
      .then(`SELECT action, actor_id, target_user_id, details FROM audit_log ORDER BY at`, [
        { action: 'message_deleted', actor_id: 'mod', target_user_id: 'bob', details: {} },
        { action: 'message_restored', actor_id: 'olga', target_user_id: 'bob', details: {} },
        { action: 'message_deleted', actor_id: 'mod', target_user_id: 'bob', details: {} },
        { action: 'invite_link_created', actor_id: 'mod', target_user_id: null, details: { code: 'abc', expiresAt: null, maxUses: 5 } },
        { action: 'invite_link_revoked', actor_id: 'olga', target_user_id: null, details: { code: 'abc' } },
        {
          action: 'auto_moderation_changed',
          actor_id: 'olga',
          target_user_id: null,
          details: { patterns: 2, action: 'flag', newMemberMinutes: 10, newMemberSlowModeSeconds: 30 },
        },
        { action: 'report_resolved', actor_id: 'mod', target_user_id: null, details: { reportId: 'r1', action: 'dismiss' } },
      ]);
  });
});
