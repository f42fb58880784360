import type { components } from './generated/openapi';
import { api } from './index';

type Schemas = components['schemas'];
export type AuditEntry = Schemas['AuditPage']['items'][number];
export type AuditAction = AuditEntry['action'];

const enc = encodeURIComponent;

/** The audit log of a group (docs/moderation.md), for moderators and up. */
export const auditApi = {
  page: (groupId: string, q: { before?: string; action?: AuditAction }) =>
    api.get<Schemas['AuditPage']>(`/groups/${enc(groupId)}/audit`, { ...(q.before ? { before: q.before } : {}), ...(q.action ? { action: q.action } : {}) }),
  /** The whole log (with the filter) as CSV: fetched with the session, handed to the browser as a file. */
  async csv(groupId: string, action?: AuditAction): Promise<Blob> {
    const res = await api.raw('GET', `/groups/${enc(groupId)}/audit`, { query: { format: 'csv', ...(action ? { action } : {}) } });
    return res.blob();
  },
};

/** An action in words, for the log's readers. */
export const ACTION_WORDS: Record<AuditAction, string> = {
  group_created: 'created the group',
  group_deleted: 'deleted the group',
  settings_changed: 'changed the settings',
  member_invited: 'invited',
  member_removed: 'removed',
  role_changed: 'changed the role of',
  member_banned: 'banned',
  member_unbanned: 'lifted the ban of',
  member_timed_out: 'timed out',
  message_pinned: 'pinned a message',
  message_unpinned: 'unpinned a message',
  message_deleted: "deleted someone's message",
  message_restored: "restored someone's deleted message",
  invite_revoked: 'revoked the invite of',
  invite_link_created: 'created an invite link',
  invite_link_revoked: 'revoked an invite link',
  auto_moderation_changed: 'changed auto-moderation',
  report_resolved: 'resolved a report',
};
