import { randomUUID } from 'node:crypto';
import type { Role, Visibility } from '@groupchat/schemas';
import { Coalescer, progressRowsSql, snapshotOf, type Outcome, type Pool, type Position, type ProgressRow } from '@groupchat/shared';
import type { Decided } from '../commands/envelope';
import type { GroupFacts } from '../groups/roles';
import type { ClaimKey, MessageClaims } from './claims';
import { decideSend } from './decide';

export interface SendRequest {
  key: ClaimKey;
  messageId: string;
  text: string | null;
  /** The caller's X-Min-Position. */
  minPositions: Position[];
}

export type Prepared =
  /** An earlier attempt of the same message was appended: its answer again. */
  | { kind: 'sent'; messageId: string; position: string }
  /** Decided and claimed here: append `decided`, then settle the claim. */
  | { kind: 'claimed'; attemptId: string; decided: Decided[] }
  /** Needs the one-at-a-time path: slow mode, a claim someone else holds, or a read model still behind the caller. */
  | { kind: 'one_by_one' };

interface FactsRow {
  i: string;
  status: 'claimed' | 'sent' | null;
  message_id: string | null;
  position: string | null;
  group_id: string | null;
  visibility: Visibility;
  slow_mode_seconds: number | null;
  deleted: boolean;
  role: Role | null;
  head_partition: number | null;
  head_offset: string | null;
  /** On the first row only: the read models' progress, read in the same snapshot as the facts. */
  progress: ProgressRow[] | null;
}

/**
 * Per message: its earlier claim, the group, the sender's role and the group's newest
 * membership change; with the read models' progress. One statement reads them all in one
 * snapshot, so a fact can never be older than the progress it is judged by.
 */
const FACTS = `
  SELECT k.i, c.status, c.message_id, c.position, g.group_id, g.visibility, g.slow_mode_seconds, g.deleted, m.role,
         h.partition AS head_partition, h."offset" AS head_offset,
         CASE WHEN k.i = 1 THEN (SELECT json_agg(p) FROM (${progressRowsSql('postgres')}) p) END AS progress
    FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS k(group_id, sender_id, client_message_id, i)
    LEFT JOIN message_claims c ON c.group_id = k.group_id AND c.sender_id = k.sender_id AND c.client_message_id = k.client_message_id
    LEFT JOIN groups g ON g.group_id = k.group_id
    LEFT JOIN memberships m ON m.group_id = k.group_id AND m.user_id = k.sender_id
    LEFT JOIN group_heads h ON h.group_id = k.group_id`;

const one = (value: Prepared): Outcome<Prepared> => ({ ok: true, value });

/**
 * Decides and claims the text messages that arrive together in two statements for all of
 * them (their facts with the read models' progress, then one multi-row claim),
 * instead of about ten round trips each. It decides exactly as the one-at-a-time path does
 * and hands that path every case that needs waiting or a lock.
 */
export class SendPreparer {
  private readonly batches: Coalescer<SendRequest, Prepared>;

  constructor(
    private readonly pool: Pool,
    private readonly claims: MessageClaims,
  ) {
    this.batches = new Coalescer((items) => this.decideAll(items), { maxBatch: 1000, concurrency: 3 });
  }

  prepare(request: SendRequest): Promise<Prepared> {
    return this.batches.run(request);
  }

  private async decideAll(items: SendRequest[]): Promise<Outcome<Prepared>[]> {
    const facts = await this.pool.query<FactsRow>(FACTS, [items.map((r) => r.key.groupId), items.map((r) => r.key.senderId), items.map((r) => r.key.clientMessageId)]);
    const rows = new Map(facts.rows.map((r) => [Number(r.i) - 1, r]));
    const progress = snapshotOf(rows.get(0)?.progress ?? []);
    const outcomes: Outcome<Prepared>[] = [];
    const toClaim: { index: number; key: ClaimKey; messageId: string; attemptId: string; decided: Decided[] }[] = [];
    const inThisBatch = new Set<string>();
    const now = Date.now();
    items.forEach((item, index) => {
      const row = rows.get(index)!;
      if (row.status === 'sent') return void (outcomes[index] = one({ kind: 'sent', messageId: row.message_id!, position: row.position! }));
      if (row.status !== null || inThisBatch.has(item.messageId)) return void (outcomes[index] = one({ kind: 'one_by_one' }));
      inThisBatch.add(item.messageId);
      const head = row.head_partition === null ? undefined : { topic: 'groups' as const, partition: row.head_partition, offset: BigInt(row.head_offset!) };
      const behind = (head && !progress.reached(head, ['groups'])) || item.minPositions.some((p) => !progress.reached(p));
      const group: GroupFacts | null = row.group_id === null ? null : { groupId: row.group_id, visibility: row.visibility, slowModeSeconds: row.slow_mode_seconds ?? 0, deleted: row.deleted };
      if (behind || (group && group.slowModeSeconds > 0)) return void (outcomes[index] = one({ kind: 'one_by_one' }));
      try {
        const decided = decideSend({ group, senderRole: row.role, lastSentAt: null, now }, { ...item.key, messageId: item.messageId, text: item.text, attachments: [] });
        toClaim.push({ index, key: item.key, messageId: item.messageId, attemptId: randomUUID(), decided });
      } catch (error) {
        outcomes[index] = { ok: false, error };
      }
    });
    const claimed = await this.claims.claimMany(toClaim);
    toClaim.forEach((c, j) => (outcomes[c.index] = one(claimed[j] ? { kind: 'claimed', attemptId: c.attemptId, decided: c.decided } : { kind: 'one_by_one' })));
    return outcomes;
  }
}
