import { waitForPositions, type Pool } from '@groupchat/shared';
import type { MembershipEvent } from './feed';

export type Verdict = 'ok' | 'forbidden' | 'not_found';

const REMEMBER_MS = 10 * 60_000;

/**
 * Who may subscribe to a group: its members (the memberships read model). The live feed sees
 * membership changes before the read model may have applied them, so a change seen recently
 * makes the check wait, bounded, for the groups projection to reach it: a member removed a
 * moment ago cannot slip back in through a stale row.
 */
export class Access {
  private readonly recent = new Map<string, { partition: number; offset: number; at: number }>();

  constructor(
    private readonly pool: Pool,
    private readonly waitMs: number,
  ) {}

  noteChange(event: MembershipEvent, partition: number, offset: number) {
    const key = event.type === 'GroupDeleted' ? groupKey(event.groupId) : memberKey(event.groupId, event.userId);
    this.recent.set(key, { partition, offset, at: Date.now() });
  }

  async check(groupId: string, userId: string): Promise<Verdict> {
    const pending = [this.recent.get(memberKey(groupId, userId)), this.recent.get(groupKey(groupId))].filter((c) => c !== undefined);
    if (pending.length) {
      await waitForPositions(
        this.pool,
        pending.map((c) => ({ topic: 'groups', partition: c.partition, offset: BigInt(c.offset) })),
        { projections: ['groups'], timeoutMs: this.waitMs },
      );
    }
    const { rows } = await this.pool.query<{ visibility: string; deleted: boolean; role: string | null }>(
      `SELECT g.visibility, g.deleted, m.role
         FROM groups g LEFT JOIN memberships m ON m.group_id = g.group_id AND m.user_id = $2
        WHERE g.group_id = $1`,
      [groupId, userId],
    );
    const row = rows[0];
    if (!row || row.deleted) return 'not_found';
    if (row.role) return 'ok';
    // A private group's existence is not revealed to outsiders.
    return row.visibility === 'private' ? 'not_found' : 'forbidden';
  }

  /** Forgets changes the read model has long applied. */
  sweep(now = Date.now()) {
    for (const [key, c] of this.recent) if (now - c.at > REMEMBER_MS) this.recent.delete(key);
  }
}

const memberKey = (groupId: string, userId: string) => `${groupId}\u0000${userId}`;
const groupKey = (groupId: string) => `${groupId}\u0000*`;
