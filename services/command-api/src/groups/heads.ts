import type { Request } from 'express';
import { GroupView, waitForPositions, type AppendResult, type GroupsFold, type Pool, type Position, type Runtime } from '@groupchat/shared';

/**
 * The newest groups-topic position command-api appended for each group. Group state checks
 * first wait for the state they read to reach it, so every command sees the effect of every
 * earlier membership change (a removed member's next send is refused), not only the caller's
 * own writes. Group commands read the `groups` projection (Postgres, through `group_heads`
 * across instances); sends read this process's `GroupView`, through the heads it appended.
 */
export class GroupHeads {
  /** Offsets this process appended per group that the view may not have applied yet. */
  private readonly appended = new Map<string, Position>();

  private constructor(
    private readonly pool: Pool,
    private readonly timeoutMs: number,
    private readonly view: GroupView,
  ) {}

  static async start(rt: Runtime): Promise<GroupHeads> {
    return new GroupHeads(rt.pool, rt.config.MIN_POSITION_WAIT_MS, await GroupView.start(rt, 'command-api-groups'));
  }

  async advance(groupId: string, results: AppendResult[]): Promise<void> {
    const last = results.at(-1)!.position;
    const known = this.appended.get(groupId);
    if (!known || known.offset < last.offset) this.appended.set(groupId, last);
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

  /**
   * The view of groups once it has applied the caller's groups-topic positions (X-Min-Position)
   * and the group's newest change this process appended. Positions on other topics say nothing
   * about group state, so they are not waited for.
   */
  async viewAt(req: Pick<Request, 'minPositions'>, groupId: string): Promise<GroupsFold> {
    const head = this.appended.get(groupId);
    await this.view.reach(head ? [...req.minPositions, head] : req.minPositions, this.timeoutMs);
    if (head && this.appended.get(groupId) === head) this.appended.delete(groupId);
    return this.view.fold;
  }

  close(): Promise<void> {
    return this.view.close();
  }
}
