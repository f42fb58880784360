import { groupAccess } from '@groupchat/schemas/access';
import { waitForPositions, type Pool, type Position } from '@groupchat/shared';
import type { GroupsView, MembershipEvent } from './groups-view';

export type Verdict = 'ok' | 'forbidden' | 'not_found';

const REMEMBER_MS = 10 * 60_000;

/**
 * Who may follow a group: its members (the memberships read model), with that read model
 * brought up to every membership change acknowledged before the question. When this
 * process's own reading of the groups topic covers them, only a change it saw recently makes
 * the check wait for the groups projection to reach it; when that reading lags, the check
 * waits for the projection to reach the groups topic's end as it was when asked. Either way a
 * member removed a moment ago cannot slip back in through a stale row.
 */
export class Access {
  private readonly recent = new Map<string, { partition: number; offset: number; at: number; ended: boolean }>();

  constructor(
    private readonly pool: Pool,
    private readonly view: GroupsView,
    private readonly options: { waitMs: number; viewWaitMs: number },
  ) {}

  noteChange(event: MembershipEvent, partition: number, offset: number) {
    const key = event.type === 'GroupDeleted' ? groupKey(event.groupId) : memberKey(event.groupId, event.userId);
    this.recent.set(key, { partition, offset, at: Date.now(), ended: event.type !== 'MemberJoined' });
  }

  async check(groupId: string, userId: string): Promise<Verdict> {
    const partition = this.view.partitionOf(groupId);
    const { covered, ends } = await this.view.covers([partition], this.options.viewWaitMs);
    const [member, whole] = [this.recent.get(memberKey(groupId, userId)), this.recent.get(groupKey(groupId))];
    // The view has read every change up to now and the last one ended this membership: the
    // answer is no, whatever the projection has applied yet (it only decides 403 or 404).
    if (covered && (whole?.ended || member?.ended)) return this.refusal(groupId, whole?.ended === true);
    const pending = covered ? [member, whole].filter((c) => c !== undefined).map((c) => c.offset) : [(ends[partition] ?? 0) - 1].filter((o) => o >= 0);
    const group = await this.readGroup(
      groupId,
      [userId],
      pending.map((offset) => ({ topic: 'groups', partition, offset: BigInt(offset) })),
    );
    return verdict(group, group?.members.has(userId) === true);
  }

  private async refusal(groupId: string, deleted: boolean): Promise<Verdict> {
    if (deleted) return 'not_found';
    const { rows } = await this.pool.query<{ visibility: 'public' | 'private' }>('SELECT visibility FROM groups WHERE group_id = $1', [groupId]);
    return verdict(rows[0] && { visibility: rows[0].visibility, deleted: false }, false);
  }

  /**
   * Which of these users are members of the group once the groups projection has applied the
   * groups topic up to `end` (its last offset on the group's partition); undefined: no such
   * group. Throws when the projection does not get there in time.
   */
  async membersAt(groupId: string, userIds: string[], end: number) {
    const partition = this.view.partitionOf(groupId);
    return this.readGroup(groupId, userIds, end >= 0 ? [{ topic: 'groups', partition, offset: BigInt(end) }] : []);
  }

  private async readGroup(groupId: string, userIds: string[], after: Position[]) {
    if (after.length) await waitForPositions(this.pool, after, { projections: ['groups'], timeoutMs: this.options.waitMs });
    const { rows } = await this.pool.query<{ visibility: 'public' | 'private'; deleted: boolean; user_id: string | null }>(
      `SELECT g.visibility, g.deleted, m.user_id
         FROM groups g LEFT JOIN memberships m ON m.group_id = g.group_id AND m.user_id = ANY($2::text[])
        WHERE g.group_id = $1`,
      [groupId, userIds],
    );
    if (!rows[0]) return undefined;
    return { visibility: rows[0].visibility, deleted: rows[0].deleted, members: new Set(rows.flatMap((r) => (r.user_id ? [r.user_id] : []))) };
  }

  /** Forgets changes the read model has long applied. */
  sweep(now = Date.now()) {
    for (const [key, c] of this.recent) if (now - c.at > REMEMBER_MS) this.recent.delete(key);
  }
}

/** Following a group's stream is taking part in it; a group the user may not even see answers as unknown. */
function verdict(group: { visibility: 'public' | 'private'; deleted: boolean } | undefined, member: boolean): Verdict {
  // Realtime knows membership, not roles: any role gives the same answer here.
  const access = groupAccess(group, { role: member ? 'member' : null });
  return access.participate ? 'ok' : access.see ? 'forbidden' : 'not_found';
}

const memberKey = (groupId: string, userId: string) => `${groupId}\u0000${userId}`;
const groupKey = (groupId: string) => `${groupId}\u0000*`;
