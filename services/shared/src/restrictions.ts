import type { Pool } from './db';

/**
 * How long a moderator's removal of someone else's message can be undone: the messages
 * projection keeps the removed content this long and no longer, the command API refuses later.
 */
export const RESTORE_WINDOW_MS = 24 * 3600_000;

export interface Restriction {
  /** Set when a ban is in force: its end, null for a permanent one. */
  bannedUntil?: number | null;
  banReason?: string | null;
  /** Set when a timeout is in force. */
  timedOutUntil?: number;
  timeoutReason?: string | null;
}

/**
 * The bans and timeouts in force for these people in a group. Before the groups projection
 * that keeps them has caught up after an upgrade its views do not exist yet: then there are
 * none to know of, rather than an error on every group command.
 */
export async function restrictionsIn(pool: Pool, groupId: string, userIds: string[]): Promise<Map<string, Restriction>> {
  const found = new Map<string, Restriction>();
  const entry = (id: string) => found.get(id) ?? found.set(id, {}).get(id)!;
  try {
    const { rows } = await pool.query<{ user_id: string; kind: 'ban' | 'timeout'; until: Date | null; reason: string | null }>(
      `SELECT user_id, 'ban' AS kind, until, reason FROM bans WHERE group_id = $1 AND user_id = ANY($2) AND (until IS NULL OR until > now())
       UNION ALL
       SELECT user_id, 'timeout', until, reason FROM timeouts WHERE group_id = $1 AND user_id = ANY($2) AND until > now()`,
      [groupId, userIds],
    );
    for (const r of rows) {
      if (r.kind === 'ban') Object.assign(entry(r.user_id), { bannedUntil: r.until?.getTime() ?? null, banReason: r.reason });
      else Object.assign(entry(r.user_id), { timedOutUntil: r.until!.getTime(), timeoutReason: r.reason });
    }
  } catch (err) {
    if ((err as { code?: string }).code !== '42P01') throw err;
  }
  return found;
}
