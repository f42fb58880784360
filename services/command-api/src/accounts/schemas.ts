import { z } from 'zod';
import { identifier, onlyIfValid, tags, text } from '../http/validation';

export const username = z
  .string()
  .min(3, 'must be at least 3 characters')
  .max(32, { abort: true, message: 'must be at most 32 characters' })
  .regex(/^[a-z0-9_.]+$/, 'only lowercase letters, digits, _ and .');

// Domain labels exclude the dot between them, so a string matches in only one way: linear time.
// Overlapping classes such as `[^\s@]+\.[^\s@]+$` try every dot as the separator: quadratic.
const EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;

export const email = text({ min: 3, max: 254 })
  .overwrite((v) => v.toLowerCase())
  .regex(EMAIL, 'must be an email address');

const password = text({ min: 8, max: 256, trim: false });
export const displayName = text({ min: 1, max: 64 });

export const RegisterRequest = z.object({
  username,
  email,
  password,
  displayName: displayName.optional(),
  interests: tags.optional(),
});

export const LoginRequest = z.object({
  login: text({ min: 1, max: 254 })
    .overwrite((v) => v.toLowerCase())
    .describe('username or email'),
  password: text({ min: 1, max: 256, trim: false }),
  refreshTokenIn: z
    .enum(['cookie', 'body'])
    .default('cookie')
    .describe('cookie (browsers): the refresh token only in the HttpOnly cookie; body (other clients): also as refreshToken in the answer'),
});

export const RefreshRequest = z
  .object({ refreshToken: z.string().min(1).max(512).optional().describe('non-browser clients; browsers send the refresh cookie instead') })
  .default({});

export const ChangePasswordRequest = z.object({ currentPassword: text({ min: 1, max: 256, trim: false }), newPassword: password });

export const UpdateProfileRequest = z
  .object({
    displayName: displayName.optional(),
    bio: text({ max: 500, multiline: true }).optional(),
    interests: tags.optional(),
    avatarMediaId: identifier.nullable().optional().describe('an uploaded image of the caller; null removes the avatar'),
  })
  .refine((o) => Object.values(o).some((v) => v !== undefined), { message: 'nothing to change: give at least one field', when: onlyIfValid });

export const RegisterResponse = z.object({ userId: z.string(), position: z.string() });
export const Tokens = z.object({
  accessToken: z.string(),
  refreshToken: z.string().optional().describe('only when asked for (login with refreshTokenIn: body) or when the refresh token came in the body'),
  expiresIn: z.number().int().describe('seconds the access token is valid'),
});
export const LoginResponse = Tokens.extend({ user: z.object({ id: z.string(), username: z.string(), email: z.string() }) });
export const PositionResponse = z.object({ position: z.string().describe('log position of the appended event; pass it back as X-Min-Position') });

export const TokenRequest = z.object({ token: z.string().min(1).max(256).describe('the token from the link in the mail') });
export const PasswordResetRequest = z.object({ email });
export const PasswordResetConfirmRequest = z.object({ token: TokenRequest.shape.token, password });
export const ChangeEmailRequest = z.object({ email, password: text({ min: 1, max: 256, trim: false }).describe('the current password') });
export const MailAccepted = z.object({ message: z.string() });
export const ChangeEmailAccepted = MailAccepted.extend({ pendingEmail: z.string() });
export const EmailVerified = z.object({ email: z.string().describe('the account’s address, now verified') });
export const AccountResponse = z.object({
  email: z.string(),
  emailVerified: z.boolean(),
  pendingEmail: z.string().nullable().describe('a new address waiting for its confirmation link to be followed'),
});
