import { formatPosition, parsePosition } from '@groupchat/shared';
import type { CommandContext } from '../http/context';
import { envelopeOf, stamp } from '../http/envelope';
import type { CommandRoutes } from '../http/routes';
import { parseInput, pathId } from '../http/validation';
import type { GroupHeads } from '../groups/heads';
import { MarkerBatches, type AppendMarkers } from './batches';
import { decideMoveMarker } from './decide';
import { MoveReadMarkerRequest, MoveReadMarkerResponse } from './schemas';
import { loadMarkerState } from './state';

/** One append per user per second at most, whatever the scrolling (docs/unread.md). */
const WINDOW_MS = 1000;

export function readMarkerRoutes(routes: CommandRoutes, ctx: CommandContext, heads: GroupHeads): { close(): Promise<void> } {
  const { pool } = ctx.rt;
  const appendMarkers: AppendMarkers = (userId, envelope, markers) =>
    ctx.append(
      markers.map((m) => ({ event: stamp({ type: 'ReadMarkerMoved', userId, ...m, threadId: m.threadId ?? null }, envelope), key: userId })),
      { done: async (results) => formatPosition(results.at(-1)!.position) },
    );
  const batches = new MarkerBatches(appendMarkers, WINDOW_MS);

  routes.add(
    {
      method: 'put',
      path: '/me/read-markers/:groupId',
      summary: 'Move my read marker in a conversation, or in one of its threads, forward (members)',
      description:
        "The marker is the position of the newest message read; it never moves backwards (a position at or before it changes nothing and answers the marker as it is). With `threadId` (a thread root of this conversation) the marker of that thread moves instead, apart from the main list's: the position must then be the root or a reply in that thread. Moves are recorded as ReadMarkerMoved events, at most one append per user per second: a move made within a second of the last waits for the next append, with the moves of the other conversations and threads. A position that is not a message of this conversation (or of the thread), or past its newest message, and a `threadId` that is not a thread of this conversation, are refused with 422.",
      auth: true,
      body: { name: 'MoveReadMarkerRequest', schema: MoveReadMarkerRequest },
      success: { status: 200, description: 'the marker as it is now', name: 'MoveReadMarkerResponse', schema: MoveReadMarkerResponse },
      errors: [403, 404, 422],
    },
    ctx.auth,
    async (req, res) => {
      const groupId = pathId(req.params.groupId, 'group');
      const body = parseInput(MoveReadMarkerRequest, req.body);
      const requested = parsePosition(body.position);
      const threadId = body.threadId ?? null;
      const userId = req.user!.sub;
      await heads.settle(req, groupId);
      const ids = { userId, groupId, threadId, pending: batches.pending(userId, groupId, threadId) };
      const state = await loadMarkerState(pool, ids, requested, ctx.rt.config.MIN_POSITION_WAIT_MS);
      const [moved] = decideMoveMarker(state, { userId, groupId, threadId, position: requested });
      const envelope = envelopeOf(req);
      const answer = (marker: string, position: string) => void res.json({ groupId, ...(threadId !== null && { threadId }), marker, position });
      if (moved?.type === 'ReadMarkerMoved') {
        const position = await batches.move(userId, envelope, { groupId, threadId, partition: moved.partition, offset: moved.offset });
        answer(formatPosition(requested), position);
        return;
      }
      const pending = batches.pending(userId, groupId, threadId);
      const marker = formatPosition({ topic: 'messages', partition: requested.partition, offset: pending !== null ? BigInt(pending) : state.stored! });
      const position =
        pending !== null ? await batches.move(userId, envelope, { groupId, threadId, partition: requested.partition, offset: pending }) : state.storedAt!;
      answer(marker, position);
    },
  );

  return { close: () => batches.close() };
}
