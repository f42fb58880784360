import { z } from 'zod';

export const MoveReadMarkerRequest = z.object({
  position: z.string().max(40).describe('position of the newest message read (a message’s `position` as history and live events give it)'),
});

export const MoveReadMarkerResponse = z.object({
  groupId: z.string(),
  marker: z.string().describe('the marker now: the requested position, or the one already further on'),
  position: z.string().describe('log position of the move that set the marker; pass it back as X-Min-Position'),
});
