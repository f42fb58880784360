import { randomUUID } from 'node:crypto';
import { Coalescer, parsePosition, withTransaction, type Pool, type Position } from '@groupchat/shared';
import { logUnavailable } from '../commands/append';
import type { Decided } from '../commands/envelope';

export interface ClaimKey {
  groupId: string;
  senderId: string;
  clientMessageId: string;
}

export type ClaimOutcome =
  | { kind: 'sent'; messageId: string; position: string }
  /** `resumed`: the claim was left unsettled by an earlier attempt (its process may have died after the append landed). */
  | { kind: 'claimed'; attemptId: string; decided: Decided[]; resumed: boolean }
  | { kind: 'in_flight' };

const SENT = `SELECT status, message_id, position, attempt_id,
                     claimed_at < now() - make_interval(secs => $4::double precision / 1000) AS stale
                FROM message_claims WHERE group_id = $1 AND sender_id = $2 AND client_message_id = $3`;

/**
 * Idempotent sends (group, sender, clientMessageId → one MessageSent): the first request
 * claims the key and appends; concurrent ones wait for its outcome; a failed append
 * releases the claim. Claims of one sender in one group are serialised by an advisory
 * lock, which also makes the slow-mode check and the claim one atomic step.
 */
export class MessageClaims {
  /** Claims settled by appends acknowledged together are marked sent by one statement. */
  private readonly settled = new Coalescer<{ key: ClaimKey; position: string }, void>(async (items) => {
    await this.pool.query(
      `UPDATE message_claims c SET status = 'sent', position = v.position
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS v(group_id, sender_id, client_message_id, position)
        WHERE c.group_id = v.group_id AND c.sender_id = v.sender_id AND c.client_message_id = v.client_message_id`,
      [items.map((i) => i.key.groupId), items.map((i) => i.key.senderId), items.map((i) => i.key.clientMessageId), items.map((i) => i.position)],
    );
    return items.map(() => ({ ok: true as const, value: undefined }));
  }, { concurrency: 3 });

  constructor(
    private readonly pool: Pool,
    /** An unsettled claim this old belongs to a request that was already answered 503; a retry may resume it. */
    private readonly staleAfterMs: number,
  ) {}

  /**
   * Claims many new keys in one statement, without the slow-mode lock (callers use it only
   * for groups without slow mode). Answers, per item, whether it was claimed here; a key
   * someone else holds already is left to `claim`, which waits for or resumes it.
   */
  async claimMany(items: { key: ClaimKey; messageId: string; attemptId: string }[]): Promise<boolean[]> {
    if (!items.length) return [];
    const { rows } = await this.pool.query<{ message_id: string }>(
      `INSERT INTO message_claims (group_id, sender_id, client_message_id, message_id, attempt_id)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::uuid[])
       ON CONFLICT DO NOTHING RETURNING message_id`,
      [items.map((i) => i.key.groupId), items.map((i) => i.key.senderId), items.map((i) => i.key.clientMessageId), items.map((i) => i.messageId), items.map((i) => i.attemptId)],
    );
    const claimed = new Set(rows.map((r) => r.message_id));
    return items.map((i) => claimed.has(i.messageId));
  }

  async find(key: ClaimKey): Promise<{ messageId: string; position: string } | undefined> {
    const { rows } = await this.pool.query<{ status: string; message_id: string; position: string }>(SENT, [key.groupId, key.senderId, key.clientMessageId, this.staleAfterMs]);
    return rows[0]?.status === 'sent' ? { messageId: rows[0].message_id, position: rows[0].position } : undefined;
  }

  /** `decide` gets when this sender's previous claim in the group was made and may refuse (slow mode). */
  claim(key: ClaimKey, messageId: string, decide: (lastSentAt: number | null) => Decided[]): Promise<ClaimOutcome> {
    return withTransaction(this.pool, async (db) => {
      await db.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 2))', [`${key.groupId}/${key.senderId}`]);
      const { rows } = await db.query<{ status: string; message_id: string; position: string; attempt_id: string; stale: boolean }>(SENT, [key.groupId, key.senderId, key.clientMessageId, this.staleAfterMs]);
      const row = rows[0];
      if (row?.status === 'sent') return { kind: 'sent', messageId: row.message_id, position: row.position };
      if (row && !row.stale) return { kind: 'in_flight' };
      const last = await db.query<{ at: number | null }>(
        `SELECT (extract(epoch FROM max(claimed_at)) * 1000)::float8 AS at FROM message_claims
          WHERE group_id = $1 AND sender_id = $2 AND client_message_id <> $3`,
        [key.groupId, key.senderId, key.clientMessageId],
      );
      const decided = decide(last.rows[0]?.at ?? null);
      const attemptId = randomUUID();
      await db.query(
        `INSERT INTO message_claims (group_id, sender_id, client_message_id, message_id, attempt_id) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (group_id, sender_id, client_message_id) DO UPDATE SET attempt_id = EXCLUDED.attempt_id, claimed_at = now()`,
        [key.groupId, key.senderId, key.clientMessageId, messageId, attemptId],
      );
      return { kind: 'claimed', attemptId, decided, resumed: row !== undefined };
    });
  }

  markSent(key: ClaimKey, position: string): Promise<void> {
    return this.settled.run({ key, position });
  }

  async release(key: ClaimKey, attemptId: string): Promise<void> {
    await this.pool.query(`DELETE FROM message_claims WHERE group_id = $1 AND sender_id = $2 AND client_message_id = $3 AND attempt_id = $4 AND status = 'claimed'`, [
      key.groupId, key.senderId, key.clientMessageId, attemptId,
    ]);
  }

  /** Waits for a concurrent request's claim: its result, or `released` when its append failed. */
  async awaitOutcome(key: ClaimKey, timeoutMs: number): Promise<{ messageId: string; position: string } | 'released'> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { rows } = await this.pool.query<{ status: string; message_id: string; position: string }>(SENT, [key.groupId, key.senderId, key.clientMessageId, this.staleAfterMs]);
      if (!rows[0]) return 'released';
      if (rows[0].status === 'sent') return { messageId: rows[0].message_id, position: rows[0].position };
      if (Date.now() >= deadline) throw logUnavailable('the same message is still being sent by another request');
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Where the message was appended, for waiting until the read model shows it. */
  async positionOf(messageId: string): Promise<Position | undefined> {
    const { rows } = await this.pool.query<{ position: string | null }>(`SELECT position FROM message_claims WHERE message_id = $1 AND status = 'sent'`, [messageId]);
    return rows[0]?.position ? parsePosition(rows[0].position) : undefined;
  }
}
