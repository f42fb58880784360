import type { Response } from 'express';
import { z } from 'zod';
import { badRequest, forbidden, notFound, type Pool } from '@groupchat/shared';
import { decodeCursor, encodeCursor, limitParam, listParam, textParam } from '../paging';

/** The actions the audit-log projection lists (docs/moderation.md); a new one is added here and there. */
export const AUDIT_ACTIONS = [
  'group_created',
  'group_deleted',
  'settings_changed',
  'member_invited',
  'member_removed',
  'role_changed',
  'member_banned',
  'member_unbanned',
  'member_timed_out',
  'message_pinned',
  'message_unpinned',
  'message_deleted',
  'message_restored',
  'invite_revoked',
  'invite_link_created',
  'invite_link_revoked',
  'auto_moderation_changed',
  'report_resolved',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const auditParams = z.object({
  before: z.string().optional().describe('the `nextBefore` of the previous page: only older entries'),
  limit: limitParam(50, 200),
  action: listParam(AUDIT_ACTIONS.length)
    .pipe(z.array(z.enum(AUDIT_ACTIONS)))
    .describe('only these actions (repeat or comma-separate)'),
  actorId: textParam(100).describe('only actions by this user'),
  format: z.enum(['json', 'csv']).default('json').describe('csv: every matching entry as a file (the limit does not apply)'),
});
export type AuditParams = z.infer<typeof auditParams>;

interface Person {
  userId: string;
  username: string | null;
  displayName: string | null;
}
export interface AuditEntry {
  id: string;
  at: string;
  action: AuditAction;
  actor: Person | null;
  targetUser: Person | null;
  targetMessageId: string | null;
  details: Record<string, unknown>;
}

interface Row {
  topic: string;
  partition: number;
  offset: string;
  at: Date;
  action: AuditAction;
  actor_id: string | null;
  actor_username: string | null;
  actor_display_name: string | null;
  target_user_id: string | null;
  target_username: string | null;
  target_display_name: string | null;
  target_message_id: string | null;
  details: Record<string, unknown>;
}

/** 404 for those who may not see the group, 403 below moderator: the rule of every moderators' listing. */
export async function assertModerator(pool: Pool, groupId: string, callerId: string, what = 'read the audit log') {
  const { rows } = await pool.query<{ can_see: boolean; can_moderate: boolean }>('SELECT can_see, can_moderate FROM group_access($1, $2)', [groupId, callerId]);
  if (!rows[0]?.can_see) throw notFound('group');
  if (!rows[0].can_moderate) throw forbidden(`only moderators and above ${what}`, 'not_a_moderator');
}

/** A page of entries older than `after` (a log place), newest first, with the users named. */
async function entries(pool: Pool, groupId: string, p: AuditParams, after: unknown[] | undefined, limit: number): Promise<Row[]> {
  const [topic, partition, offset] = after ?? [null, null, null];
  const { rows } = await pool.query<Row>(
    `SELECT l.topic, l.partition, l."offset", l.at, l.action, l.actor_id, au.username AS actor_username, au.display_name AS actor_display_name,
            l.target_user_id, tu.username AS target_username, tu.display_name AS target_display_name, l.target_message_id, l.details
       FROM audit_log l
       LEFT JOIN users au ON au.user_id = l.actor_id
       LEFT JOIN users tu ON tu.user_id = l.target_user_id
      WHERE l.group_id = $1
        AND (cardinality($2::text[]) = 0 OR l.action = ANY($2))
        AND ($3::text IS NULL OR l.actor_id = $3)
        AND ($4::text IS NULL OR (l.at, l.topic, l.partition, l."offset") <
             (SELECT c.at, c.topic, c.partition, c."offset" FROM audit_log c WHERE c.topic = $4 AND c.partition = $5 AND c."offset" = $6))
      ORDER BY l.at DESC, l.topic DESC, l.partition DESC, l."offset" DESC
      LIMIT $7`,
    [groupId, p.action, p.actorId || null, topic ?? null, partition ?? null, offset ?? null, limit],
  );
  return rows;
}

const person = (userId: string | null, username: string | null, displayName: string | null): Person | null =>
  userId === null ? null : { userId, username, displayName };
const placeOf = (r: Row) => [r.topic, r.partition, Number(r.offset)];
function before(p: AuditParams): unknown[] | undefined {
  const after = decodeCursor('audit', p.before);
  const [topic, partition, offset] = after ?? [];
  if (after && !(typeof topic === 'string' && Number.isSafeInteger(partition) && Number.isSafeInteger(offset)))
    throw badRequest('before is not a cursor this listing returned; start again without it', 'invalid_cursor');
  return after;
}

function toEntry(r: Row): AuditEntry {
  return {
    id: `${r.topic}.${r.partition}.${r.offset}`,
    at: r.at.toISOString(),
    action: r.action,
    actor: person(r.actor_id, r.actor_username, r.actor_display_name),
    targetUser: person(r.target_user_id, r.target_username, r.target_display_name),
    targetMessageId: r.target_message_id,
    details: r.details,
  };
}

/** GET /groups/:id/audit: one page, newest first; `nextBefore` continues it, null on the last page. */
export async function auditOf(pool: Pool, groupId: string, callerId: string, p: AuditParams) {
  await assertModerator(pool, groupId, callerId);
  const rows = await entries(pool, groupId, p, before(p), p.limit + 1);
  const page = rows.slice(0, p.limit);
  const last = page[page.length - 1];
  return { items: page.map(toEntry), nextBefore: rows.length > p.limit && last ? encodeCursor('audit', placeOf(last)) : null };
}

const CSV_HEADER = [
  'time',
  'action',
  'actor_id',
  'actor_username',
  'actor_display_name',
  'target_user_id',
  'target_username',
  'target_display_name',
  'target_message_id',
  'reason',
  'details',
];
const CSV_PAGE = 500;

/**
 * One CSV cell: quoted when it holds a quote, comma or line break; a cell a spreadsheet would
 * take for a formula (starting with = + - @, a tab or a carriage return) is prefixed with '.
 */
export function csvCell(value: unknown): string {
  let s = value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function csvLine(r: Row): string {
  const { reason, ...rest } = r.details as { reason?: unknown };
  return [
    r.at.toISOString(),
    r.action,
    r.actor_id,
    r.actor_username,
    r.actor_display_name,
    r.target_user_id,
    r.target_username,
    r.target_display_name,
    r.target_message_id,
    reason,
    Object.keys(rest).length ? rest : null,
  ]
    .map(csvCell)
    .join(',');
}

/**
 * GET /groups/:id/audit?format=csv: every matching entry, read and written in pages of 500,
 * waiting for the socket to drain between pages, so a long log neither blocks the event loop
 * nor fills memory. Access is checked before the first byte, so refusals stay problem+json.
 */
export async function auditCsv(pool: Pool, groupId: string, callerId: string, p: AuditParams, res: Response) {
  await assertModerator(pool, groupId, callerId);
  let after = before(p);
  res.status(200);
  res.setHeader('content-type', 'text/csv; charset=utf-8');
  res.setHeader('content-disposition', `attachment; filename="audit-${groupId}.csv"`);
  res.write(`${CSV_HEADER.join(',')}\r\n`);
  try {
    for (;;) {
      const rows = await entries(pool, groupId, p, after, CSV_PAGE);
      if (rows.length && !res.write(rows.map((r) => `${csvLine(r)}\r\n`).join(''))) {
        await new Promise<void>((resolve) => res.once('drain', resolve).once('close', resolve));
      }
      if (rows.length < CSV_PAGE || res.destroyed) break;
      after = placeOf(rows[rows.length - 1]!);
    }
    res.end();
  } catch (err) {
    // The status is sent: all that is left is to cut the file short, so it is not taken for whole.
    res.destroy(err as Error);
  }
}
