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
      summary: 'Move my read marker in a conversation forward (members)',
      description:
        'The marker is the position of the newest message read; it never moves backwards (a position at or before it changes nothing and answers the marker as it is). Moves are recorded as ReadMarkerMoved events, at most one append per user per second: a move made within a second of the last waits for the next append, with the moves of the other conversations. A position that is not a message of this conversation, or past its newest message, is refused with 422.',
      auth: true,
      body: { name: 'MoveReadMarkerRequest', schema: MoveReadMarkerRequest },
      success: { status: 200, description: 'the marker as it is now', name: 'MoveReadMarkerResponse', schema: MoveReadMarkerResponse },
      errors: [403, 404, 422],
    },
    ctx.auth,
    async (req, res) => {
      const groupId = pathId(req.params.groupId, 'group');
      const requested = parsePosition(parseInput(MoveReadMarkerRequest, req.body).position);
      const userId = req.user!.sub;
      await heads.settle(req, groupId);
      const state = await loadMarkerState(pool, { userId, groupId, pending: batches.pending(userId, groupId) }, requested, ctx.rt.config.MIN_POSITION_WAIT_MS);
      const [moved] = decideMoveMarker(state, { userId, groupId, position: requested });
      const envelope = envelopeOf(req);
      if (moved?.type === 'ReadMarkerMoved') {
        const position = await batches.move(userId, envelope, { groupId, partition: moved.partition, offset: moved.offset });
        res.json({ groupId, marker: formatPosition(requested), position });
        return;
      }
      const pending = batches.pending(userId, groupId);
      const marker = formatPosition({ topic: 'messages', partition: requested.partition, offset: pending !== null ? BigInt(pending) : state.stored! });
      const position = pending !== null ? await batches.move(userId, envelope, { groupId, partition: requested.partition, offset: pending }) : state.storedAt!;
      res.json({ groupId, marker, position });
    },
  );

  return { close: () => batches.close() };
}
