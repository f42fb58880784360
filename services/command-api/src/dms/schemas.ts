import { z } from 'zod';
import { identifier } from '../http/validation';

export const OpenDmRequest = z.object({
  userIds: z
    .array(identifier)
    .min(1)
    .max(50)
    .describe('the other people (1 to 9 once repeats and the caller are dropped); the caller is always in the conversation'),
  request: z
    .boolean()
    .optional()
    .describe('ask the people who share no group with the caller (they accept with POST /groups/{id}/join); without it such a conversation is refused'),
});

export const OpenDmResponse = z.object({
  groupId: z.string().describe('the conversation of exactly these people: the same id every time'),
  position: z.string().describe('log position of its newest change; pass it back as X-Min-Position'),
});
