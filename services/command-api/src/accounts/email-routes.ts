import { AppError, conflict, withTransaction, type Pool } from '@groupchat/shared';
import type { Request } from 'express';
import type { CommandContext } from '../http/context';
import { limiter, byIp, MINUTE } from '../http/rate-limits';
import type { CommandRoutes } from '../http/routes';
import { parseInput } from '../http/validation';
import type { AccountMail } from './account-mail';
import { invalidToken, type AccountTokens } from './account-tokens';
import { AccountResponse, ChangeEmailAccepted, ChangeEmailRequest, EmailVerified, MailAccepted, TokenRequest } from './schemas';

interface Account {
  username: string;
  email: string;
  verified: boolean;
  pendingEmail: string | null;
}

async function accountOf(pool: Pool, userId: string): Promise<Account | undefined> {
  const { rows } = await pool.query<{ username: string; email: string; verified: boolean; pending_email: string | null }>(
    `SELECT c.username, c.email, c.email_verified_at IS NOT NULL AS verified,
            (SELECT t.email FROM account_tokens t
              WHERE t.user_id = c.user_id AND t.purpose = 'change_email' AND t.used_at IS NULL AND t.expires_at > now()
              ORDER BY t.created_at DESC LIMIT 1) AS pending_email
       FROM credentials c WHERE c.user_id = $1 AND c.status = 'registered'`,
    [userId],
  );
  const r = rows[0];
  return r && { username: r.username, email: r.email, verified: r.verified, pendingEmail: r.pending_email };
}

const emailTaken = () => new AppError(409, 'email_taken', 'this email is already taken', { errors: [{ field: 'email', message: 'is already taken' }] });

/** Email verification and change of address: Postgres state of the command API, nothing in the log (docs/accounts.md). */
export function emailRoutes(
  routes: CommandRoutes,
  ctx: CommandContext,
  deps: { tokens: AccountTokens; mail: AccountMail; checkPassword: (req: Request, userId: string, password: string) => Promise<void> },
) {
  const { config, pool } = ctx.rt;
  const { tokens, mail, checkPassword } = deps;
  const mailLimit = limiter({ windowMs: 60 * MINUTE, limit: config.VERIFY_RESEND_LIMIT, key: (req) => `account-mail:${req.user?.sub ?? byIp(req)}` });
  const mine = async (req: Request) => {
    const account = await accountOf(pool, req.user!.sub);
    if (!account) throw new AppError(404, 'not_found', 'user not found');
    return account;
  };

  routes.add(
    {
      method: 'get',
      path: '/me/account',
      summary: 'The caller’s email address and whether it is verified',
      auth: true,
      success: { status: 200, description: 'the account', name: 'AccountResponse', schema: AccountResponse },
      errors: [404],
    },
    ctx.auth,
    async (req, res) => {
      const account = await mine(req);
      res.json({ email: account.email, emailVerified: account.verified, pendingEmail: account.pendingEmail });
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/me/email-verification',
      summary: 'Send the verification mail again',
      auth: true,
      description: 'A new link replaces the earlier ones. 409 when the address is already verified; VERIFY_RESEND_LIMIT mails an hour per account, then 429.',
      success: { status: 202, description: 'a mail is on its way', name: 'MailAccepted', schema: MailAccepted },
      errors: [404, 409, 429],
    },
    ctx.auth,
    mailLimit,
    async (req, res) => {
      const account = await mine(req);
      if (account.verified) throw conflict('this email address is already verified', 'already_verified');
      mail.send('verify_email', { userId: req.user!.sub, name: account.username, email: account.email });
      res.status(202).json({ message: 'a verification mail is on its way' });
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/me/email',
      summary: 'Change the caller’s email address',
      auth: true,
      description:
        'Needs the current password (403 invalid_credentials; failures count against the login budget). The new address gets a confirmation link; ' +
        'until it is followed (POST /auth/verify-email) the old address stays in force. 409 email_taken when another account has it.',
      body: { name: 'ChangeEmailRequest', schema: ChangeEmailRequest },
      success: { status: 202, description: 'a confirmation mail is on its way to the new address', name: 'ChangeEmailAccepted', schema: ChangeEmailAccepted },
      errors: [403, 404, 409, 429],
    },
    ctx.auth,
    mailLimit,
    async (req, res) => {
      const input = parseInput(ChangeEmailRequest, req.body);
      const userId = req.user!.sub;
      await checkPassword(req, userId, input.password);
      const account = await mine(req);
      if (account.email === input.email) throw conflict('this is already the address of the account', 'same_email');
      const { rowCount } = await pool.query('SELECT 1 FROM credentials WHERE email = $1', [input.email]);
      if (rowCount) throw emailTaken();
      mail.send('change_email', { userId, name: account.username, email: input.email });
      res.status(202).json({ message: 'a confirmation mail is on its way to the new address', pendingEmail: input.email });
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/auth/verify-email',
      summary: 'Follow the link of a verification or change-of-email mail',
      auth: false,
      description:
        'The token works once, until EMAIL_VERIFY_TTL_SECONDS after it was sent (else 422 invalid_token). A change of address takes effect here: ' +
        'login by email then takes the new one, and links mailed to the old one stop working. 409 email_taken if another account took the address meanwhile.',
      body: { name: 'TokenRequest', schema: TokenRequest },
      success: { status: 200, description: 'verified', name: 'EmailVerified', schema: EmailVerified },
      errors: [409],
    },
    async (req, res) => {
      const input = parseInput(TokenRequest, req.body);
      const email = await withTransaction(pool, async (db) => {
        const redeemed = await tokens.redeem(db, input.token, ['verify_email', 'change_email']);
        if (!redeemed) throw invalidToken();
        if (redeemed.purpose === 'verify_email') {
          const { rowCount } = await db.query(
            'UPDATE credentials SET email_verified_at = coalesce(email_verified_at, now()) WHERE user_id = $1 AND email = $2',
            [redeemed.userId, redeemed.email],
          );
          // The address changed since this mail went out: it verifies nothing any more.
          if (!rowCount) throw invalidToken();
          return redeemed.email;
        }
        try {
          await db.query('UPDATE credentials SET email = $2, email_verified_at = now() WHERE user_id = $1', [redeemed.userId, redeemed.email]);
        } catch (err) {
          if ((err as { code?: string }).code === '23505') throw emailTaken();
          throw err;
        }
        await tokens.revoke(db, redeemed.userId, ['verify_email', 'reset_password']);
        return redeemed.email;
      });
      res.json({ email });
    },
  );
}
