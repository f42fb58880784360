import { z } from 'zod';
import { identifier } from '../http/validation';

export const MoveReadMarkerRequest = z.object({
  position: z.string().max(40).describe('position of the newest message read (a message’s `position` as history and live events give it)'),
  threadId: identifier
    .nullish()
    .describe(
      "a thread's root message id: moves my marker in that thread instead of the conversation's main list; the position must then be the root or one of its replies",
    ),
});

export const MoveReadMarkerResponse = z.object({
  groupId: z.string(),
  threadId: z.string().optional().describe('the thread whose marker moved, when the request named one'),
  marker: z.string().describe('the marker now: the requested position, or the one already further on'),
  position: z.string().describe('log position of the move that set the marker; pass it back as X-Min-Position'),
});
