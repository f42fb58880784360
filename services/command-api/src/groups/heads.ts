import type { Request } from 'express';
import { waitForPositions, type AppendResult, type Pool, type Position } from '@groupchat/shared';

/**
 * The newest groups-topic position command-api appended for each group. Group state checks
 * first wait for the `groups` projection to reach it, so every command sees the effect of
 * every earlier membership change (a removed member's next send is refused), not only the
 * caller's own writes.
 */
export class GroupHeads {
  constructor(
    private readonly pool: Pool,
    private readonly timeoutMs: number,
  ) {}

  async advance(groupId: string, results: AppendResult[]): Promise<void> {
    const last = results.at(-1)!.position;
    await this.pool.query(
      `INSERT INTO group_heads (group_id, partition, "offset") VALUES ($1, $2, $3)
       ON CONFLICT (group_id) DO UPDATE SET partition = EXCLUDED.partition, "offset" = GREATEST(group_heads."offset", EXCLUDED."offset")`,
      [groupId, last.partition, last.offset.toString()],
    );
  }

  async head(groupId: string): Promise<Position | undefined> {
    const { rows } = await this.pool.query<{ partition: number; offset: number }>('SELECT partition, "offset" FROM group_heads WHERE group_id = $1', [groupId]);
    return rows[0] && { topic: 'groups', partition: rows[0].partition, offset: BigInt(rows[0].offset) };
  }

  /** Read-your-writes for the caller (X-Min-Position) and for the group's own history. */
  async settle(req: Request, groupId: string, extra: Position[] = []): Promise<void> {
    const head = await this.head(groupId);
    await Promise.all([
      waitForPositions(this.pool, req.minPositions, { timeoutMs: this.timeoutMs }),
      waitForPositions(this.pool, head ? [head] : [], { projections: ['groups'], timeoutMs: this.timeoutMs }),
      waitForPositions(this.pool, extra, { projections: ['messages'], timeoutMs: this.timeoutMs }),
    ]);
  }
}
