import { parsePosition, retainedSql, waitForPositions, type Position } from '@groupchat/shared';
import type { Context } from './context';
import { eventFrame, type ResyncReason } from './protocol';
import { redact } from './redact';
import type { Subscription } from './subscription';

interface ReplayRow {
  offset: number;
  payload: string;
  /** The message's row in the messages read model; null when it has none. */
  known: boolean | null;
  deleted: boolean | null;
  text: string | null;
}

/**
 * Sends the group's events after the client's position up to the subscription's live offset
 * from the timeline read model, each as the messages read model shows its message now (never a
 * deleted text or one an edit replaced); returns the last offset now covered, or why the
 * position cannot be served. The replay is counted before anything is sent, so a position too
 * far behind gets a resync alone, not a flood cut short.
 */
export async function replay(ctx: Context, sub: Subscription, token: string): Promise<number | ResyncReason> {
  let after: Position;
  try {
    after = parsePosition(token);
  } catch {
    return 'invalid_position';
  }
  if (after.topic !== 'messages' || after.partition !== sub.partition) return 'invalid_position';
  const { groupId, partition, from: until } = sub;
  const { pool } = ctx.rt;
  const { resumeWaitMs, replayPageSize, maxReplayEvents } = ctx.options;
  const from = Number(after.offset);
  if (from >= until) {
    // The client saw more than this process has delivered (it was on a process further ahead);
    // the events up to its position are held and skipped when the subscription goes live.
    return (await ctx.feed.reached(partition, from, resumeWaitMs)) ? from : 'position_ahead';
  }
  try {
    // Both: the timeline lists the events, the messages model says what each may still show.
    await waitForPositions(pool, [{ topic: 'messages', partition, offset: BigInt(until) }], { projections: ['timeline', 'messages'], timeoutMs: resumeWaitMs });
  } catch {
    return 'read_model_behind';
  }
  const { rows: counted } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT 1 FROM message_events WHERE group_id = $1 AND "offset" > $2 AND "offset" <= $3 LIMIT $4) x`,
    [groupId, from, until, maxReplayEvents + 1],
  );
  if (counted[0]!.n > maxReplayEvents) return 'too_far_behind';
  let cursor = from;
  for (;;) {
    const { rows } = await pool.query<ReplayRow>(
      `SELECT e."offset", e.payload::text AS payload, m.message_id IS NOT NULL AS known, m.deleted, m.text
         FROM message_events e LEFT JOIN messages m ON m.message_id = e.payload->>'messageId'
        WHERE e.group_id = $1 AND e."offset" > $2 AND e."offset" <= $3 AND (m.message_id IS NULL OR ${retainedSql('m')})
        ORDER BY e."offset" LIMIT $4`,
      [groupId, cursor, until, replayPageSize],
    );
    for (const row of rows) {
      if (sub.state !== 'pending' || !(await sub.sink.paced(eventFrame(groupId, partition, row.offset, shown(row)), 'event'))) return 'connection_gone';
    }
    if (sub.overflowed) return 'too_much_live';
    if (rows.length < replayPageSize) return until;
    cursor = rows[rows.length - 1]!.offset;
  }
}

/** The event's JSON as it may be shown now; unchanged events keep the stored text. */
function shown(row: ReplayRow): string {
  const event = JSON.parse(row.payload) as { type: string; [field: string]: unknown };
  const now = redact(event, row.known ? { deleted: row.deleted!, text: row.text } : undefined);
  return now === event ? row.payload : JSON.stringify(now);
}
