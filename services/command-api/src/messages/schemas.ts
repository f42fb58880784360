import { z } from 'zod';
import { identifier, onlyIfValid, text } from '../http/validation';

export const clientMessageId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, '1–64 characters of A–Z, a–z, 0–9, _ and -');
const messageText = text({ max: 4000, multiline: true });

export const MAX_MENTIONS = 50;

const mentionIds = z
  .array(identifier)
  .max(MAX_MENTIONS, `at most ${MAX_MENTIONS} mentions`)
  .overwrite((ids) => [...new Set(ids)])
  .describe('ids of the members the text mentions by @username; each must be a member of the group. @here and @everyone are read from the text');

export const SendMessageRequest = z
  .object({
    clientMessageId: clientMessageId.describe('chosen by the client; sending the same id again yields the same message'),
    text: messageText.optional(),
    attachments: z
      .array(identifier)
      .max(10, 'at most 10 attachments')
      .overwrite((ids) => [...new Set(ids)])
      .optional()
      .describe('mediaIds of the caller’s uploads'),
    replyTo: identifier.optional().describe('a message of this group this one answers; shown as a quote of it'),
    threadId: identifier.optional().describe('a message of this group whose thread this reply goes to (a reply in a thread goes to its thread)'),
    mentions: mentionIds.optional(),
    linkPreview: z.boolean().optional().describe('false: show no preview of the first link (default true)'),
  })
  .refine((m) => (m.text?.length ?? 0) > 0 || (m.attachments?.length ?? 0) > 0, {
    path: ['text'],
    message: 'must not be blank when there are no attachments',
    when: onlyIfValid,
  });

export const EditMessageRequest = z.object({
  text: text({ min: 1, max: 4000, multiline: true }),
  mentions: mentionIds.optional(),
  linkPreview: z.boolean().optional().describe('false: show no preview of the first link of the new text'),
});

export const SendMessageResponse = z.object({ messageId: z.string(), position: z.string() });

export const MAX_BATCH_ITEMS = 100;

/** Each item is validated on its own (`SendBatchItem`), so one bad item fails alone. */
export const SendBatchRequest = z.object({
  items: z
    .array(z.unknown())
    .min(1, 'at least one item')
    .max(MAX_BATCH_ITEMS, `at most ${MAX_BATCH_ITEMS} items`)
    .describe(`up to ${MAX_BATCH_ITEMS} messages, each shaped like SendBatchItem`),
});

export const SendBatchItem = z.object({ groupId: identifier.describe('the group to send to (the caller must be a member)') }).and(SendMessageRequest);

const ItemProblem = z
  .object({ type: z.string(), title: z.string(), status: z.number().int(), detail: z.string(), code: z.string(), instance: z.string().optional() })
  .catchall(z.unknown())
  .describe('RFC 9457 problem of the one item that failed (instance names it as #/items/<index>); the others are unaffected');

export const SendBatchResponse = z.object({
  items: z.array(z.union([SendMessageResponse, ItemProblem])).describe('one answer per item, in order'),
});
