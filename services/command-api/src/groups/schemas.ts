import { z } from 'zod';
import { identifier, onlyIfValid, tags, text } from '../http/validation';

export const MAX_SLOW_MODE_SECONDS = 6 * 3600;
/** Retention (docs/privacy.md): from one day to ten years; null keeps messages forever. */
export const MIN_RETENTION_DAYS = 1;
export const MAX_RETENTION_DAYS = 3650;

export const visibility = z.enum(['public', 'private']);
export const role = z.enum(['owner', 'admin', 'moderator', 'member']);
const name = text({ min: 3, max: 80 });
const description = text({ max: 2000, multiline: true });

export const CreateGroupRequest = z.object({
  name,
  description: description.optional(),
  interests: tags.optional(),
  visibility,
});

export const UpdateGroupRequest = z
  .object({
    name: name.optional(),
    description: description.optional(),
    interests: tags.optional(),
    visibility: visibility.optional(),
    slowModeSeconds: z
      .number()
      .int()
      .min(0)
      .max(MAX_SLOW_MODE_SECONDS)
      .optional()
      .describe('minimum seconds between two messages of one member; 0 turns slow mode off'),
    broadcastMinRole: role.optional().describe('the least role that may mention @here and @everyone (owners and admins set it)'),
    retentionDays: z
      .number()
      .int()
      .min(MIN_RETENTION_DAYS)
      .max(MAX_RETENTION_DAYS)
      .nullable()
      .optional()
      .describe(
        'messages older than this many days are no longer served: history, threads, pins, search, media (owners and admins set it); null keeps them forever',
      ),
  })
  .refine((o) => Object.values(o).some((v) => v !== undefined), { message: 'nothing to change: give at least one field', when: onlyIfValid });

export const InviteRequest = z.object({ userId: identifier });
export const ChangeRoleRequest = z.object({ role });

export const CreateGroupResponse = z.object({ groupId: z.string(), position: z.string() });
