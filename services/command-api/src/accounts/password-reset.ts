import { withTransaction } from '@groupchat/shared';
import type { CommandContext } from '../http/context';
import { limiter, byIp, MINUTE } from '../http/rate-limits';
import type { CommandRoutes } from '../http/routes';
import { parseInput } from '../http/validation';
import type { AccountMail } from './account-mail';
import { invalidToken, type AccountTokens } from './account-tokens';
import { hashPassword } from './passwords';
import type { RefreshTokens } from './refresh-tokens';
import { MailAccepted, PasswordResetConfirmRequest, PasswordResetRequest } from './schemas';

/** The one answer to every well-formed reset request, whether an account has the address or not. */
const ACCEPTED = { message: 'if an account has this address, a mail with a link to choose a new password is on its way' };

/** The limiter's key from the raw body: it runs before validation, and must not trust its shape. */
const emailKey = (body: unknown) => {
  const email = (body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? email.slice(0, 254).normalize('NFC').trim().toLowerCase() : '';
};

export function passwordResetRoutes(
  routes: CommandRoutes,
  ctx: CommandContext,
  deps: { tokens: AccountTokens; mail: AccountMail; refreshTokens: RefreshTokens },
) {
  const { config, pool } = ctx.rt;
  const { tokens, mail, refreshTokens } = deps;

  routes.add(
    {
      method: 'post',
      path: '/auth/password-reset',
      summary: 'Ask for a password-reset mail',
      auth: false,
      description:
        'Always 202 with the same body, whether an account has the address or not; the lookup and the mail happen after the answer, so its timing tells nothing either. ' +
        'The link works once, for PASSWORD_RESET_TTL_SECONDS. Limited per address (PASSWORD_RESET_LIMIT_PER_EMAIL an hour) and per IP (PASSWORD_RESET_LIMIT_PER_IP), then 429.',
      body: { name: 'PasswordResetRequest', schema: PasswordResetRequest },
      success: { status: 202, description: 'accepted', name: 'MailAccepted', schema: MailAccepted },
      errors: [429],
    },
    limiter({ windowMs: 60 * MINUTE, limit: config.PASSWORD_RESET_LIMIT_PER_IP, key: (req) => `password-reset-ip:${byIp(req)}` }),
    limiter({ windowMs: 60 * MINUTE, limit: config.PASSWORD_RESET_LIMIT_PER_EMAIL, key: (req) => `password-reset-email:${emailKey(req.body)}` }),
    (req, res) => {
      const { email } = parseInput(PasswordResetRequest, req.body);
      res.status(202).json(ACCEPTED);
      mail.later('password reset request', async () => {
        const { rows } = await pool.query<{ user_id: string; username: string }>(
          `SELECT user_id, username FROM credentials WHERE email = $1 AND status = 'registered'`,
          [email],
        );
        const user = rows[0];
        if (user) mail.send('reset_password', { userId: user.user_id, name: user.username, email });
      });
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/auth/password-reset/confirm',
      summary: 'Set a new password with the token of a reset mail',
      auth: false,
      description:
        'The token works once, until PASSWORD_RESET_TTL_SECONDS after it was sent (else 422 invalid_token). Every session of the account ends; ' +
        'following the link also verifies the address it was mailed to.',
      body: { name: 'PasswordResetConfirmRequest', schema: PasswordResetConfirmRequest },
      success: { status: 204, description: 'the new password is set; every refresh token of the account is revoked' },
      errors: [],
    },
    async (req, res) => {
      const input = parseInput(PasswordResetConfirmRequest, req.body);
      const passwordHash = await hashPassword(input.password);
      await withTransaction(pool, async (db) => {
        const redeemed = await tokens.redeem(db, input.token, ['reset_password']);
        if (!redeemed) throw invalidToken();
        const { rowCount } = await db.query(
          `UPDATE credentials SET password_hash = $3, email_verified_at = coalesce(email_verified_at, now()) WHERE user_id = $1 AND email = $2 AND status = 'registered'`,
          [redeemed.userId, redeemed.email, passwordHash],
        );
        if (!rowCount) throw invalidToken();
        await refreshTokens.revokeAll(redeemed.userId, db);
      });
      res.status(204).end();
    },
  );
}
