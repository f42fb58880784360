import type { Request } from 'express';
import { restrictionsIn } from '@groupchat/shared';
import type { CommandContext } from '../http/context';
import { envelopeOf, type Decided } from '../http/envelope';
import type { CommandRoutes } from '../http/routes';
import { parseInput, pathId } from '../http/validation';
import { PositionResponse } from '../accounts/schemas';
import type { GroupHeads } from '../groups/heads';
import { loadGroup, roleIn } from '../groups/state';
import { sendBatch } from './batch';
import { decideDelete, decideEdit, decideFollow, decidePin, decideReact, decideRemovePreview, type MessageState } from './decide';
import { EMOJI_PARAM, parseEmoji } from './emoji';
import { MessagePace } from './pace';
import { EditMessageRequest, MAX_BATCH_ITEMS, SendBatchRequest, SendBatchResponse, SendMessageRequest, SendMessageResponse } from './schemas';
import { inputOf, Sends, type Sender } from './sends';
import { loadMessage, MessageHeads, rolesIn } from './state';
import { restoreRoutes } from '../moderation/restore';

const senderOf = (req: Request): Sender => ({ userId: req.user!.sub, envelope: envelopeOf(req), minPositions: req.minPositions });

export async function messageRoutes(routes: CommandRoutes, ctx: CommandContext, heads: GroupHeads): Promise<{ close(): Promise<void> }> {
  const { pool } = ctx.rt;
  const sends = await Sends.start(ctx, heads);
  const pace = new MessagePace(ctx.rt.config);
  const messageHeads = new MessageHeads((messageId) => sends.positionOf(messageId));

  routes.add(
    {
      method: 'post',
      path: '/groups/:id/messages',
      summary: 'Send a message (members only)',
      auth: true,
      description:
        'Idempotent per clientMessageId: sending the same id again, even concurrently, yields one message with the same messageId (and, from the same instance, the same position); a retry that reaches another instance may append the same event again, which every reader skips. Decided on the instance’s view of the groups topic: pass X-Min-Position to have it include your own group changes. In slow mode a member waits slowModeSeconds between messages (429 slow_mode); moderators and above are exempt.',
      body: { name: 'SendMessageRequest', schema: SendMessageRequest },
      success: { status: 202, description: 'appended to the log', name: 'SendMessageResponse', schema: SendMessageResponse },
      errors: [403, 404, 429],
    },
    ctx.auth,
    ...pace.perRequest,
    async (req, res) => {
      const groupId = pathId(req.params.id, 'group');
      const input = parseInput(SendMessageRequest, req.body);
      res.status(202).json(await sends.send(senderOf(req), inputOf(groupId, input)));
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/messages/batch',
      summary: `Send up to ${MAX_BATCH_ITEMS} messages, to any groups of the caller, in one request`,
      auth: true,
      description:
        'Each item is a send of its own, with the same validation, membership, slow mode, idempotency per (groupId, clientMessageId) and message budget (one point per item) as POST /groups/{id}/messages; the items are appended together. The answer lists, in order, either {messageId, position} or the problem of that item alone (422, 403, 404, 429, 503); a malformed body, or one over 1 MB (100 messages of 4,000 characters fit unless most characters are outside the BMP), is a problem for the whole request.',
      body: { name: 'SendBatchRequest', schema: SendBatchRequest },
      success: { status: 200, description: 'every item answered: appended, or its own problem', name: 'SendBatchResponse', schema: SendBatchResponse },
      errors: [],
    },
    ctx.auth,
    async (req, res) => {
      res.json(await sendBatch(req, senderOf(req), sends, pace));
    },
  );

  /** Edits, deletions and reactions: the message must be in the read model, so wait for its own append first. */
  async function onMessage(
    req: Request,
    decide: (s: MessageState, ids: { groupId: string; messageId: string; actorId: string }) => Decided[],
    mentioned: string[] = [],
  ) {
    const groupId = pathId(req.params.id, 'group');
    const messageId = pathId(req.params.messageId, 'message');
    const actorId = req.user!.sub;
    await heads.settle(req, groupId, messageHeads.of(messageId));
    const [group, actorRole, message, roles, restrictions] = await Promise.all([
      loadGroup(pool, groupId),
      roleIn(pool, groupId, actorId),
      loadMessage(pool, messageId),
      rolesIn(pool, groupId, mentioned),
      restrictionsIn(pool, groupId, [actorId]),
    ]);
    const roleOf = (userId: string) => roles.get(userId) ?? null;
    const timedOutUntil = restrictions.get(actorId)?.timedOutUntil ?? null;
    return ctx.record(req, decide({ group, actorRole, message, roleOf, timedOutUntil }, { groupId, messageId, actorId }), groupId, async (results) =>
      messageHeads.advance(messageId, results.at(-1)!.position),
    );
  }

  const onMessageDoc = {
    auth: true,
    success: { status: 200, description: 'appended to the log', name: 'PositionResponse', schema: PositionResponse },
  } as const;

  routes.add(
    {
      ...onMessageDoc,
      method: 'patch',
      path: '/groups/:id/messages/:messageId',
      summary: 'Edit a message’s text (author only)',
      description: 'Mentions, @here/@everyone and the previewed link are decided again for the new text, as for a send.',
      body: { name: 'EditMessageRequest', schema: EditMessageRequest },
      errors: [403, 404],
    },
    ctx.auth,
    async (req, res) => {
      const edit = parseInput(EditMessageRequest, req.body);
      res.json({ position: await onMessage(req, (s, ids) => decideEdit(s, { ...ids, ...edit }), edit.mentions) });
    },
  );

  routes.add(
    {
      ...onMessageDoc,
      method: 'delete',
      path: '/groups/:id/messages/:messageId',
      summary: 'Delete a message (author, or moderator and above)',
      errors: [403, 404],
    },
    ctx.auth,
    async (req, res) => {
      res.json({ position: await onMessage(req, decideDelete) });
    },
  );
  restoreRoutes(routes, ctx, heads, messageHeads);

  for (const [method, add] of [
    ['post', true],
    ['delete', false],
  ] as const) {
    routes.add(
      {
        ...onMessageDoc,
        method,
        path: '/groups/:id/messages/:messageId/reactions/:emoji',
        summary: add ? 'React to a message (members)' : 'Take a reaction back',
        description: 'Reactions are a set per user and message: adding twice or removing a missing one is accepted and changes nothing.',
        params: { emoji: EMOJI_PARAM },
        errors: [403, 404, 422, 429],
      },
      ctx.auth,
      ...pace.perRequest,
      async (req, res) => {
        const emoji = parseEmoji(req.params.emoji);
        res.json({ position: await onMessage(req, (s, ids) => decideReact(s, { ...ids, emoji, add })) });
      },
    );
  }
  routes.add(
    {
      ...onMessageDoc,
      method: 'delete',
      path: '/groups/:id/messages/:messageId/link-preview',
      summary: 'Remove the link preview of a message (its author)',
      errors: [403, 404],
    },
    ctx.auth,
    async (req, res) => {
      res.json({ position: await onMessage(req, decideRemovePreview) });
    },
  );

  for (const [method, on] of [
    ['put', true],
    ['delete', false],
  ] as const) {
    routes.add(
      {
        ...onMessageDoc,
        method,
        path: '/groups/:id/pins/:messageId',
        summary: on ? 'Pin a message (moderators and above; any member of a direct conversation)' : 'Unpin a message',
        description: 'Pins are a set per group: pinning twice or unpinning a message that is not pinned is accepted and changes nothing.',
        errors: [403, 404],
      },
      ctx.auth,
      async (req, res) => {
        res.json({ position: await onMessage(req, (s, ids) => decidePin(s, { ...ids, pin: on })) });
      },
    );
    routes.add(
      {
        ...onMessageDoc,
        method,
        path: '/groups/:id/threads/:messageId/follow',
        summary: on ? 'Follow a message’s thread' : 'Stop following a thread',
        description:
          'Members follow the threads they start or reply in without asking; an explicit choice holds until their next reply in the thread. GET /me/threads lists the followed ones.',
        errors: [403, 404],
      },
      ctx.auth,
      async (req, res) => {
        res.json({ position: await onMessage(req, (s, ids) => decideFollow(s, { ...ids, follow: on })) });
      },
    );
  }
  return sends;
}
