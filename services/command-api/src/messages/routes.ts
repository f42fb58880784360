import type { Request } from 'express';
import { formatPosition, partitionForKey, RecentMap, topicName, waitForPositions, type Pool, type Position, type Runtime } from '@groupchat/shared';
import { logUnavailable } from '../commands/append';
import type { CommandContext } from '../commands/context';
import { envelopeOf, stamp, uuidV5, type Decided } from '../commands/envelope';
import { byUser, limiter, MINUTE } from '../commands/rate-limits';
import type { CommandRoutes } from '../commands/routes';
import { parseInput, pathId } from '../commands/validation';
import { PositionResponse } from '../accounts/schemas';
import type { GroupHeads } from '../groups/heads';
import { loadGroup, roleIn } from '../groups/state';
import { markAttached, resolveAttachments } from './attachments';
import { SendPreparer } from './batched-send';
import { MessageClaims, type ClaimKey } from './claims';
import { decideDelete, decideEdit, decideReact, decideSend, type MessageFacts, type MessageState } from './decide';
import { EMOJI_PARAM, parseEmoji } from './emoji';
import { EditMessageRequest, SendMessageRequest, SendMessageResponse } from './schemas';

/** The pending append's position, `released` when it failed (a new attempt may claim again), or 503 past the deadline. */
async function settledWithin(acknowledged: Promise<string>, timeoutMs: number): Promise<string | 'released'> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(logUnavailable(`no acknowledgement within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([acknowledged.catch(() => 'released' as const), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A claim an earlier attempt left unsettled (its process died between the append and marking
 * the claim sent) may belong to a message that is in the log already. Everything appended so
 * far lies below the partition's end offset; once the messages projection has reached that
 * end, the read model answers whether the message is there, and where.
 */
async function landedEarlier(rt: Runtime, groupId: string, messageId: string): Promise<string | undefined> {
  const admin = rt.kafka.admin();
  let offsets: { partition: number; high: string }[];
  try {
    await admin.connect();
    offsets = await admin.fetchTopicOffsets(topicName(rt.config, 'messages'));
  } catch (err) {
    throw logUnavailable((err as Error).message);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
  const partition = partitionForKey(groupId, offsets.length);
  const high = BigInt(offsets.find((o) => o.partition === partition)?.high ?? '0');
  if (high === 0n) return undefined;
  await waitForPositions(rt.pool, [{ topic: 'messages', partition, offset: high - 1n }], { projections: ['messages'], timeoutMs: rt.config.MIN_POSITION_WAIT_MS });
  const { rows } = await rt.pool.query<{ partition: number; offset: string }>('SELECT partition, "offset" FROM messages WHERE message_id = $1', [messageId]);
  return rows[0] ? formatPosition({ topic: 'messages', partition: rows[0].partition, offset: BigInt(rows[0].offset) }) : undefined;
}

const MESSAGE_HEADS = 10_000;

export function messageRoutes(routes: CommandRoutes, ctx: CommandContext, heads: GroupHeads) {
  const { pool, config } = ctx.rt;
  const claims = new MessageClaims(pool, config.APPEND_TIMEOUT_MS);
  const preparer = new SendPreparer(pool, claims);
  const pace = [
    // Counted in this process: a shared counter would put a Postgres round trip before every send.
    limiter({ windowMs: 10_000, limit: config.MESSAGE_LIMIT_BURST, key: (req) => `burst:${byUser(req)}`, scope: 'process' }),
    limiter({ windowMs: 5 * MINUTE, limit: config.MESSAGE_LIMIT_SUSTAINED, key: (req) => `sustained:${byUser(req)}`, scope: 'process' }),
  ];

  /**
   * Appends this process has started and the broker has not settled yet, by messageId. A retry
   * that arrives while one is pending (the first attempt was answered 503 because the broker
   * is slow or down) waits for it instead of appending the same event a second time.
   */
  const pending = new Map<string, Promise<string>>();
  /**
   * The newest position this process appended for each message it recently edited, deleted or
   * reacted to (the most recent MESSAGE_HEADS): the next command on the message waits for the
   * read model to show it, so a deleted message is gone for the very next edit. Across
   * instances, the caller's X-Min-Position does the same.
   */
  const messageHeads = new RecentMap<string, Position>(MESSAGE_HEADS);
  /** Acknowledged messages whose claims are not marked sent yet, with their positions. */
  const acknowledgedAt = new Map<string, Position>();

  async function send(req: Request, key: ClaimKey, messageId: string, mediaIds: string[], decide: (lastSentAt: number | null) => Decided[]) {
    for (;;) {
      const inFlight = pending.get(messageId);
      if (inFlight) {
        const settled = await settledWithin(inFlight, config.APPEND_TIMEOUT_MS);
        if (settled === 'released') continue;
        return settled;
      }
      const outcome = await claims.claim(key, messageId, decide);
      if (outcome.kind === 'sent') return outcome.position;
      if (outcome.kind === 'in_flight') {
        const settled = await claims.awaitOutcome(key, config.APPEND_TIMEOUT_MS);
        if (settled === 'released') continue;
        return settled.position;
      }
      if (outcome.resumed) {
        const landed = await landedEarlier(ctx.rt, key.groupId, messageId);
        if (landed) {
          await claims.markSent(key, landed);
          await markAttached(pool, mediaIds);
          return landed;
        }
      }
      return appendClaimed(req, key, messageId, mediaIds, outcome.attemptId, outcome.decided);
    }
  }

  /**
   * Appends a claimed message and answers its position as soon as the broker acknowledged it.
   * Marking the claim sent follows (batched with others); until it is done, a retry in this
   * process gets the position from `pending` and an edit finds it in `acknowledgedAt`. If the
   * process dies in between, the claim is left unsettled and the retry that resumes it finds
   * the message in the log (`landedEarlier`): never appended twice.
   */
  function appendClaimed(req: Request, key: ClaimKey, messageId: string, mediaIds: string[], attemptId: string, decided: Decided[]): Promise<string> {
    const envelope = envelopeOf(req);
    const events = decided.map((d) => ({ event: stamp(d, envelope, uuidV5('MessageSent', messageId)), key: key.groupId }));
    let settle!: { resolve(position: string): void; reject(err: unknown): void };
    const acknowledged = new Promise<string>((resolve, reject) => (settle = { resolve, reject }));
    acknowledged.catch(() => pending.delete(messageId));
    pending.set(messageId, acknowledged);
    return ctx.append(events, {
      async done([result]) {
        const position = formatPosition(result!.position);
        acknowledgedAt.set(messageId, result!.position);
        settle.resolve(position);
        void Promise.all([claims.markSent(key, position), markAttached(pool, mediaIds)])
          .catch((err: unknown) => ctx.rt.log.error({ err, messageId }, 'marking a sent message’s claim failed; a retry resumes it from the log'))
          .finally(() => {
            pending.delete(messageId);
            acknowledgedAt.delete(messageId);
          });
        return position;
      },
      failed: async (err) => {
        try {
          await claims.release(key, attemptId);
        } finally {
          settle.reject(err);
        }
      },
    });
  }

  routes.add(
    {
      method: 'post', path: '/groups/:id/messages', summary: 'Send a message (members only)', auth: true,
      description: 'Idempotent per clientMessageId: sending the same id again, even concurrently, yields one MessageSent and the same messageId and position. In slow mode a member waits slowModeSeconds between messages (429 slow_mode); moderators and above are exempt.',
      body: { name: 'SendMessageRequest', schema: SendMessageRequest },
      success: { status: 202, description: 'appended to the log', name: 'SendMessageResponse', schema: SendMessageResponse },
      errors: [403, 404, 429],
    },
    ctx.auth,
    ...pace,
    async (req, res) => {
      const groupId = pathId(req.params.id, 'group');
      const input = parseInput(SendMessageRequest, req.body);
      const senderId = req.user!.sub;
      const key = { groupId, senderId, clientMessageId: input.clientMessageId };
      const messageId = uuidV5('message', groupId, senderId, input.clientMessageId);
      const mediaIds = input.attachments ?? [];
      const text = input.text?.length ? input.text : null;
      if (!mediaIds.length && !pending.has(messageId)) {
        const prepared = await preparer.prepare({ key, messageId, text, minPositions: req.minPositions });
        if (prepared.kind === 'sent') return void res.status(202).json({ messageId: prepared.messageId, position: prepared.position });
        if (prepared.kind === 'claimed') return void res.status(202).json({ messageId, position: await appendClaimed(req, key, messageId, mediaIds, prepared.attemptId, prepared.decided) });
      }
      const earlier = await claims.find(key);
      if (earlier) return void res.status(202).json(earlier);
      await heads.settle(req, groupId);
      const [group, senderRole, attachments] = await Promise.all([loadGroup(pool, groupId), roleIn(pool, groupId, senderId), resolveAttachments(pool, senderId, mediaIds)]);
      const position = await send(req, key, messageId, mediaIds, (lastSentAt) =>
        decideSend({ group, senderRole, lastSentAt, now: Date.now() }, { ...key, messageId, text, attachments }),
      );
      res.status(202).json({ messageId, position });
    },
  );

  /** Edits, deletions and reactions: the message must be in the read model, so wait for its own append first. */
  async function onMessage(req: Request, decide: (s: MessageState, ids: { groupId: string; messageId: string; actorId: string }) => Decided[]) {
    const groupId = pathId(req.params.id, 'group');
    const messageId = pathId(req.params.messageId, 'message');
    const actorId = req.user!.sub;
    const sentAt = acknowledgedAt.get(messageId) ?? (await claims.positionOf(messageId));
    const changedAt = messageHeads.get(messageId);
    await heads.settle(req, groupId, [sentAt, changedAt].filter((p): p is Position => p !== undefined));
    const [group, actorRole, message] = await Promise.all([loadGroup(pool, groupId), roleIn(pool, groupId, actorId), loadMessage(pool, messageId)]);
    return ctx.record(req, decide({ group, actorRole, message }, { groupId, messageId, actorId }), groupId, async (results) => messageHeads.set(messageId, results.at(-1)!.position));
  }

  const onMessageDoc = { auth: true, success: { status: 200, description: 'appended to the log', name: 'PositionResponse', schema: PositionResponse } } as const;

  routes.add(
    { ...onMessageDoc, method: 'patch', path: '/groups/:id/messages/:messageId', summary: 'Edit a message’s text (author only)', body: { name: 'EditMessageRequest', schema: EditMessageRequest }, errors: [403, 404] },
    ctx.auth,
    async (req, res) => {
      const { text } = parseInput(EditMessageRequest, req.body);
      res.json({ position: await onMessage(req, (s, ids) => decideEdit(s, { ...ids, text })) });
    },
  );

  routes.add(
    { ...onMessageDoc, method: 'delete', path: '/groups/:id/messages/:messageId', summary: 'Delete a message (author, or moderator and above)', errors: [403, 404] },
    ctx.auth,
    async (req, res) => {
      res.json({ position: await onMessage(req, decideDelete) });
    },
  );

  for (const [method, add] of [['post', true], ['delete', false]] as const) {
    routes.add(
      {
        ...onMessageDoc, method, path: '/groups/:id/messages/:messageId/reactions/:emoji', summary: add ? 'React to a message (members)' : 'Take a reaction back',
        description: 'Reactions are a set per user and message: adding twice or removing a missing one is accepted and changes nothing.',
        params: { emoji: EMOJI_PARAM },
        errors: [403, 404, 422, 429],
      },
      ctx.auth,
      ...pace,
      async (req, res) => {
        const emoji = parseEmoji(req.params.emoji);
        res.json({ position: await onMessage(req, (s, ids) => decideReact(s, { ...ids, emoji, add })) });
      },
    );
  }
}

async function loadMessage(pool: Pool, messageId: string): Promise<MessageFacts | null> {
  const { rows } = await pool.query<{ message_id: string; group_id: string; sender_id: string; deleted: boolean }>(
    'SELECT message_id, group_id, sender_id, deleted FROM messages WHERE message_id = $1',
    [messageId],
  );
  const row = rows[0];
  return row ? { messageId: row.message_id, groupId: row.group_id, senderId: row.sender_id, deleted: row.deleted } : null;
}
