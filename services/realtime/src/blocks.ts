import { waitForPositions, type Position, type Runtime } from '@groupchat/shared';

/**
 * Who each connected user has blocked (docs/moderation.md), so presence and typing of the
 * people they blocked never reach them. Loaded when a user's first socket authenticates and
 * dropped with their last; a users-topic record of a connected user reloads their list once
 * the blocks projection has applied it. The blocked person's own frames are unchanged: they
 * are not told.
 */
export class BlockLists {
  private readonly lists = new Map<string, Set<string>>();
  private readonly sockets = new Map<string, number>();
  /** A connected user's list was reloaded (so their presence frames can be sent again). */
  onChange?: (userId: string) => void;

  constructor(private readonly rt: Runtime) {}

  connect(userId: string): void {
    const n = this.sockets.get(userId) ?? 0;
    this.sockets.set(userId, n + 1);
    if (n === 0) void this.load(userId);
  }

  disconnect(userId: string): void {
    const n = this.sockets.get(userId) ?? 0;
    if (n > 1) return void this.sockets.set(userId, n - 1);
    this.sockets.delete(userId);
    this.lists.delete(userId);
  }

  /** A record of the user's landed on the users topic: a block may have changed. */
  changed(userId: string, position: Position): void {
    if (!this.sockets.has(userId)) return;
    void waitForPositions(this.rt.pool, [position], { projections: ['blocks'], timeoutMs: this.rt.config.MIN_POSITION_WAIT_MS })
      .catch(() => undefined)
      .then(() => this.load(userId));
  }

  /** Whether `viewer` has blocked `other`. */
  hides(viewer: string, other: string): boolean {
    return this.lists.get(viewer)?.has(other) ?? false;
  }

  /** Whether `viewer` has blocked anyone. */
  any(viewer: string): boolean {
    return (this.lists.get(viewer)?.size ?? 0) > 0;
  }

  private async load(userId: string): Promise<void> {
    try {
      const { rows } = await this.rt.pool.query<{ blocked_user_id: string }>('SELECT blocked_user_id FROM blocks WHERE user_id = $1', [userId]);
      if (!this.sockets.has(userId)) return;
      const had = this.lists.has(userId);
      this.lists.set(userId, new Set(rows.map((r) => r.blocked_user_id)));
      if (had || rows.length) this.onChange?.(userId);
    } catch (err) {
      this.rt.log.warn({ err, userId }, 'loading blocks failed; presence is unfiltered until the next change');
    }
  }
}
