import type { Request } from 'express';
import { formatPosition, RecentMap, type Pool, type Position } from '@groupchat/shared';
import type { CommandContext } from '../commands/context';
import { envelopeOf, stamp, uuidV5, type Decided } from '../commands/envelope';
import { byUser, limiter, MINUTE } from '../commands/rate-limits';
import type { CommandRoutes } from '../commands/routes';
import { parseInput, pathId } from '../commands/validation';
import { PositionResponse } from '../accounts/schemas';
import type { GroupHeads } from '../groups/heads';
import { groupAndRole, loadGroup, roleIn } from '../groups/state';
import { markAttached, resolveAttachments } from './attachments';
import { decideDelete, decideEdit, decideReact, decideSend, type MessageFacts, type MessageState } from './decide';
import { EMOJI_PARAM, parseEmoji } from './emoji';
import { LandedSends } from './landed';
import { SendLedger } from './ledger';
import { EditMessageRequest, SendMessageRequest, SendMessageResponse } from './schemas';
import { SlowModeClock } from './slow-mode';

const MESSAGE_HEADS = 10_000;

export async function messageRoutes(routes: CommandRoutes, ctx: CommandContext, heads: GroupHeads): Promise<{ close(): Promise<void> }> {
  const { pool, config } = ctx.rt;
  const ledger = new SendLedger(config.APPEND_TIMEOUT_MS);
  const landed = await LandedSends.start(ctx.rt, ledger);
  const slowMode = new SlowModeClock();
  const pace = [
    // Counted in this process: a shared counter would put a Postgres round trip before every send.
    limiter({ windowMs: 10_000, limit: config.MESSAGE_LIMIT_BURST, key: (req) => `burst:${byUser(req)}`, scope: 'process' }),
    limiter({ windowMs: 5 * MINUTE, limit: config.MESSAGE_LIMIT_SUSTAINED, key: (req) => `sustained:${byUser(req)}`, scope: 'process' }),
  ];
  /**
   * The newest position this process appended for each message it recently edited, deleted or
   * reacted to (the most recent MESSAGE_HEADS): the next command on the message waits for the
   * read model to show it, so a deleted message is gone for the very next edit. Across
   * instances, the caller's X-Min-Position does the same.
   */
  const messageHeads = new RecentMap<string, Position>(MESSAGE_HEADS);

  /** Appends a decided send and records it in the ledger before anything else can start it again. */
  function append(req: Request, groupId: string, messageId: string, mediaIds: string[], decided: Decided[], takeBack: () => void): Promise<string> {
    const envelope = envelopeOf(req);
    const events = decided.map((d) => ({ event: stamp(d, envelope, uuidV5('MessageSent', messageId)), key: groupId }));
    let settle!: { resolve(position: Position): void; reject(err: unknown): void };
    ledger.track(messageId, new Promise<Position>((resolve, reject) => (settle = { resolve, reject })));
    return ctx.append(events, {
      async done([result]) {
        settle.resolve(result!.position);
        void markAttached(pool, mediaIds).catch((err: unknown) => ctx.rt.log.error({ err, messageId }, 'marking a sent message’s uploads attached failed'));
        return formatPosition(result!.position);
      },
      async failed(err) {
        takeBack();
        settle.reject(err);
      },
    });
  }

  routes.add(
    {
      method: 'post', path: '/groups/:id/messages', summary: 'Send a message (members only)', auth: true,
      description: 'Idempotent per clientMessageId: sending the same id again, even concurrently, yields one message with the same messageId (and, from the same instance, the same position); a retry that reaches another instance may append the same event again, which every reader skips. Decided on the instance’s view of the groups topic: pass X-Min-Position to have it include your own group changes. In slow mode a member waits slowModeSeconds between messages (429 slow_mode); moderators and above are exempt.',
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
      const { clientMessageId } = input;
      const messageId = uuidV5('message', groupId, senderId, clientMessageId);
      const mediaIds = input.attachments ?? [];
      const text = input.text?.length ? input.text : null;
      const [fold, attachments] = await Promise.all([heads.viewAt(req, groupId), resolveAttachments(pool, senderId, mediaIds), landed.ready(config.MIN_POSITION_WAIT_MS)]);
      for (let earlier = ledger.lookup(messageId); earlier; earlier = ledger.lookup(messageId)) {
        const settled = earlier instanceof Promise ? await earlier : earlier;
        if (settled !== 'failed') return void res.status(202).json({ messageId, position: formatPosition(settled) });
      }
      // From the ledger's "none" to the append's start nothing is awaited: one attempt per message.
      const { group, role } = groupAndRole(fold, groupId, senderId);
      const now = Date.now();
      const decided = decideSend({ group, senderRole: role, lastSentAt: slowMode.lastSentAt(groupId, senderId, clientMessageId), now }, { groupId, senderId, clientMessageId, messageId, text, attachments });
      const takeBack = slowMode.accept(groupId, senderId, clientMessageId, now);
      res.status(202).json({ messageId, position: await append(req, groupId, messageId, mediaIds, decided, takeBack) });
    },
  );

  /** Edits, deletions and reactions: the message must be in the read model, so wait for its own append first. */
  async function onMessage(req: Request, decide: (s: MessageState, ids: { groupId: string; messageId: string; actorId: string }) => Decided[]) {
    const groupId = pathId(req.params.id, 'group');
    const messageId = pathId(req.params.messageId, 'message');
    const actorId = req.user!.sub;
    const sentAt = ledger.positionOf(messageId);
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
  return landed;
}

async function loadMessage(pool: Pool, messageId: string): Promise<MessageFacts | null> {
  const { rows } = await pool.query<{ message_id: string; group_id: string; sender_id: string; deleted: boolean }>(
    'SELECT message_id, group_id, sender_id, deleted FROM messages WHERE message_id = $1',
    [messageId],
  );
  const row = rows[0];
  return row ? { messageId: row.message_id, groupId: row.group_id, senderId: row.sender_id, deleted: row.deleted } : null;
}
