import { z } from 'zod';
import { forbidden, notFound, type Pool } from '@groupchat/shared';

export const reportsParams = z.object({ status: z.enum(['open', 'resolved']).default('open') });

interface ReportRow {
  report_id: string;
  group_id: string;
  group_name: string;
  reporter_id: string;
  reporter_name: string | null;
  target_user_id: string;
  target_name: string | null;
  target_role: string | null;
  message_id: string | null;
  message_text: string | null;
  message_deleted: boolean | null;
  reason: string;
  audience: 'moderators' | 'admins';
  filed_at: Date;
  status: 'open' | 'resolved';
  action: 'dismiss' | 'delete' | 'timeout' | 'ban' | null;
  resolved_by: string | null;
  resolved_at: Date | null;
  note: string | null;
}

const SELECT = `SELECT r.report_id, r.group_id, g.name AS group_name, r.reporter_id,
       CASE WHEN r.reporter_id = 'automod' THEN 'Automatic moderation' ELSE ru.display_name END AS reporter_name, r.target_user_id,
       tu.display_name AS target_name, tm.role AS target_role, r.message_id, CASE WHEN m.deleted THEN NULL ELSE m.text END AS message_text,
       m.deleted AS message_deleted, r.reason, r.audience, r.filed_at, r.status, r.action, r.resolved_by, r.resolved_at, r.note
  FROM reports r
  JOIN groups g ON g.group_id = r.group_id
  LEFT JOIN users ru ON ru.user_id = r.reporter_id
  LEFT JOIN users tu ON tu.user_id = r.target_user_id
  LEFT JOIN memberships tm ON tm.group_id = r.group_id AND tm.user_id = r.target_user_id
  LEFT JOIN messages m ON m.message_id = r.message_id`;

const iso = (d: Date | null) => d?.toISOString() ?? null;

/**
 * A group's report queue for its moderators, newest first (docs/moderation.md): reports about
 * moderators and above only for admins and owners. A deleted message's text is not shown.
 */
export async function reportsOf(pool: Pool, groupId: string, callerId: string, status: 'open' | 'resolved') {
  const { rows: access } = await pool.query<{ can_see: boolean; can_moderate: boolean; role: string | null }>(
    'SELECT can_see, can_moderate, role FROM group_access($1, $2)',
    [groupId, callerId],
  );
  if (!access[0]?.can_see) throw notFound('group');
  if (!access[0].can_moderate) throw forbidden('only moderators and above see the reports', 'not_a_moderator');
  const admin = access[0].role === 'admin' || access[0].role === 'owner';
  const { rows } = await pool.query<ReportRow>(
    `${SELECT} WHERE r.group_id = $1 AND r.status = $2 AND ($3 OR r.audience = 'moderators') ORDER BY r.filed_at DESC, r.report_id LIMIT 500`,
    [groupId, status, admin],
  );
  return {
    items: rows.map((r) => ({
      reportId: r.report_id,
      groupId: r.group_id,
      reporter: { userId: r.reporter_id, displayName: r.reporter_name },
      target: { userId: r.target_user_id, displayName: r.target_name, role: r.target_role },
      message: r.message_id ? { messageId: r.message_id, text: r.message_text, deleted: r.message_deleted ?? true } : null,
      reason: r.reason,
      audience: r.audience,
      filedAt: r.filed_at.toISOString(),
      status: r.status,
      action: r.action,
      resolvedBy: r.resolved_by,
      resolvedAt: iso(r.resolved_at),
      note: r.note,
    })),
  };
}

/** The caller's own reports and what became of them; who resolved them and the note stay with the moderators. */
export async function reportsBy(pool: Pool, callerId: string) {
  const { rows } = await pool.query<ReportRow>(`${SELECT} WHERE r.reporter_id = $1 ORDER BY r.filed_at DESC, r.report_id LIMIT 200`, [callerId]);
  return {
    items: rows.map((r) => ({
      reportId: r.report_id,
      groupId: r.group_id,
      groupName: r.group_name,
      target: { userId: r.target_user_id, displayName: r.target_name },
      messageId: r.message_id,
      reason: r.reason,
      filedAt: r.filed_at.toISOString(),
      status: r.status,
      action: r.action,
      resolvedAt: iso(r.resolved_at),
    })),
  };
}

/** The people the caller has blocked, newest first. */
export async function blocksOf(pool: Pool, callerId: string) {
  const { rows } = await pool.query<{
    blocked_user_id: string;
    username: string | null;
    display_name: string | null;
    avatar_media_id: string | null;
    blocked_at: Date;
  }>(
    `SELECT b.blocked_user_id, u.username, u.display_name, u.avatar_media_id, b.blocked_at
       FROM blocks b LEFT JOIN users u ON u.user_id = b.blocked_user_id
      WHERE b.user_id = $1 ORDER BY b.blocked_at DESC, b.blocked_user_id LIMIT 1000`,
    [callerId],
  );
  return {
    items: rows.map((r) => ({
      userId: r.blocked_user_id,
      username: r.username,
      displayName: r.display_name,
      avatarMediaId: r.avatar_media_id,
      blockedAt: r.blocked_at.toISOString(),
    })),
  };
}

/** A group's automatic moderation, for its moderators and up; the defaults when never set. */
export async function autoModerationOf(pool: Pool, groupId: string, callerId: string) {
  const { rows: access } = await pool.query<{ can_see: boolean; can_moderate: boolean }>('SELECT can_see, can_moderate FROM group_access($1, $2)', [
    groupId,
    callerId,
  ]);
  if (!access[0]?.can_see) throw notFound('group');
  if (!access[0].can_moderate) throw forbidden('only moderators and above see the automatic moderation', 'not_a_moderator');
  const { rows } = await pool.query<{ patterns: string[]; action: 'flag' | 'refuse'; new_member_minutes: number; new_member_slow_mode_seconds: number }>(
    'SELECT patterns, action, new_member_minutes, new_member_slow_mode_seconds FROM auto_moderation WHERE group_id = $1',
    [groupId],
  );
  const r = rows[0];
  return {
    patterns: r?.patterns ?? [],
    action: r?.action ?? 'flag',
    newMemberMinutes: r?.new_member_minutes ?? 0,
    newMemberSlowModeSeconds: r?.new_member_slow_mode_seconds ?? 0,
  };
}
