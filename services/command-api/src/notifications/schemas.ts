import { z } from 'zod';

export const NotificationLevel = z
  .enum(['all', 'mentions', 'none'])
  .describe('all messages, mentions and replies only (a direct message counts as a mention), or nothing');
export const PushText = z
  .enum(['public', 'always', 'never'])
  .describe('whether a push shows the message text: only for public groups (the default), always, or never');

/** Far enough ahead to mean "until I unmute", near enough for every date library. */
export const MUTE_MAX = Date.UTC(2200, 0, 1);

const muteUntil = z.iso
  .datetime({ offset: true })
  .nullable()
  .optional()
  .describe('no notification of any kind before this time, @here and @everyone included; null or absent: not muted');

export const NotificationSettingRequest = z.object({
  level: NotificationLevel,
  muteUntil,
  pushText: PushText.optional().describe('only on `default`: whether pushes show message text'),
});

export const NotificationSettingResponse = z.object({
  groupId: z.string().nullable().describe('the conversation, or null for the default'),
  level: NotificationLevel,
  muteUntil: z.string().nullable(),
  pushText: PushText.nullable().describe('on the default only; null on a conversation'),
  position: z.string().describe('log position of the change; pass it back as X-Min-Position'),
});

export const NotificationSettingReset = z.object({
  groupId: z.string(),
  position: z.string().describe('log position of the change; pass it back as X-Min-Position'),
});

const base64url = (bytes: number, what: string) =>
  z
    .string()
    .max(200)
    .regex(/^[A-Za-z0-9_-]+={0,2}$/, `must be base64url (${what})`)
    .refine((v) => Buffer.from(v, 'base64url').length === bytes, `must be ${bytes} bytes (${what})`);

export const PushSubscriptionRequest = z.object({
  endpoint: z.string().max(2048).describe("the push service URL of this browser's subscription"),
  expirationTime: z.number().nullable().optional(),
  keys: z.object({
    p256dh: base64url(65, 'an uncompressed P-256 public key').refine((v) => Buffer.from(v, 'base64url')[0] === 4, 'must be an uncompressed P-256 public key'),
    auth: base64url(16, 'the authentication secret'),
  }),
});

export const PushSubscriptionCreated = z.object({
  subscriptionId: z.string(),
  createdAt: z.string(),
});

export const PushUnsubscribeRequest = z.object({ endpoint: z.string().max(2048) });
