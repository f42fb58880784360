import { z } from 'zod';
import { identifier, onlyIfValid, text } from '../http/validation';

const reason = text({ max: 500, multiline: true }).optional().describe('why, shown to moderators in the audit log');

export const BanRequest = z.object({
  userId: identifier,
  reason,
  until: z.iso.datetime({ offset: true }).nullable().optional().describe('when the ban ends; absent or null: permanent'),
  deleteMessagesSince: z.iso
    .datetime({ offset: true })
    .nullable()
    .optional()
    .describe('also delete their messages sent since then (at most 7 days back, up to 1,000 messages)'),
});

export const BanResponse = z.object({
  userId: z.string(),
  until: z.string().nullable(),
  deletedMessages: z.int().min(0).describe('how many of their messages were deleted with the ban'),
  position: z.string().describe('log position of the last event; pass it back as X-Min-Position'),
});

export const TimeoutRequest = z.object({
  userId: identifier,
  until: z.iso.datetime({ offset: true }).describe('until when they cannot post or react (at most 28 days ahead); a time already past lifts the timeout'),
  reason,
});

export const FileReportRequest = z
  .object({
    groupId: identifier,
    messageId: identifier.optional().describe('the message reported'),
    userId: identifier.optional().describe('the member reported'),
    reason: text({ min: 1, max: 1000, multiline: true }).describe('what is wrong, for the moderators'),
  })
  .refine((r) => (r.messageId === undefined) !== (r.userId === undefined), { message: 'give exactly one of messageId and userId', when: onlyIfValid });

export const FileReportResponse = z.object({
  reportId: z.string(),
  position: z.string().describe('log position of the report; pass it back as X-Min-Position'),
});

export const ResolveReportRequest = z.object({
  action: z.enum(['dismiss', 'delete', 'timeout', 'ban']),
  until: z.iso.datetime({ offset: true }).optional().describe('for a timeout (default: one hour) or a ban (absent: permanent)'),
  note: text({ max: 500, multiline: true }).optional().describe('for the other moderators'),
});

export const ResolveReportResponse = z.object({
  reportId: z.string(),
  action: z.enum(['dismiss', 'delete', 'timeout', 'ban']),
  position: z.string().describe('log position of the resolution; pass it back as X-Min-Position'),
});

export const AutoModerationRequest = z.object({
  patterns: z
    .array(z.string().max(200))
    .max(100)
    .describe('words or phrases (matched as whole words) or RE2 patterns, matched case-insensitively; at most 100 of 200 characters'),
  action: z.enum(['flag', 'refuse']).describe('flag: send it and report it to the moderators; refuse: do not send it (422 blocked_words)'),
  newMemberMinutes: z
    .int()
    .min(0)
    .max(7 * 24 * 60)
    .describe('members who joined less than this many minutes ago are in slow mode; 0: off'),
  newMemberSlowModeSeconds: z
    .int()
    .min(0)
    .max(6 * 3600)
    .describe('their minimum seconds between two messages'),
});
