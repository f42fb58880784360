import { z } from 'zod/v4';
import { identifier, onlyIfValid, text } from '../http/validation';

export const clientMessageId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, '1–64 characters of A–Z, a–z, 0–9, _ and -');
const messageText = text({ max: 4000, multiline: true });

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
  })
  .refine((m) => (m.text?.length ?? 0) > 0 || (m.attachments?.length ?? 0) > 0, { path: ['text'], message: 'must not be blank when there are no attachments', when: onlyIfValid });

export const EditMessageRequest = z.object({ text: text({ min: 1, max: 4000, multiline: true }) });

export const SendMessageResponse = z.object({ messageId: z.string(), position: z.string() });
