import { randomUUID } from 'node:crypto';
import { formatPosition, signAccessToken, unauthorized } from '@groupchat/shared';
import type { Request, Response } from 'express';
import type { CommandContext } from '../http/context';
import { envelopeOf, stamp, uuidV5 } from '../http/envelope';
import { limiter, byIp, MINUTE } from '../http/rate-limits';
import type { CommandRoutes } from '../http/routes';
import { parseInput } from '../http/validation';
import { CredentialStore } from './credentials';
import { decideRegister } from './decide';
import { loginGuard } from './login-guard';
import { hashPassword, verifyPassword } from './passwords';
import { changePassword } from './password-change';
import { budgetOf, currentPasswordCheck } from './password-check';
import type { AccountMail } from './account-mail';
import { checkCookieOrigin, clearRefreshCookie, refreshCookieOf, setRefreshCookie } from './refresh-cookie';
import { RefreshTokens, type Issued } from './refresh-tokens';
import { ChangePasswordRequest, LoginRequest, LoginResponse, RefreshRequest, RegisterRequest, RegisterResponse, Tokens } from './schemas';

export function authRoutes(routes: CommandRoutes, ctx: CommandContext, mail: AccountMail) {
  const { config, pool } = ctx.rt;
  const credentials = new CredentialStore(pool, config.APPEND_TIMEOUT_MS);
  const guard = loginGuard(config);
  const checkPassword = currentPasswordCheck(pool, guard);
  const refreshTokens = new RefreshTokens(pool, { ttlSeconds: config.REFRESH_TOKEN_TTL_SECONDS, familySeconds: config.REFRESH_FAMILY_LIFETIME_SECONDS });
  /** The cookie always; the token in JSON only for a client that handles it itself. */
  const tokens = (res: Response, user: { userId: string; username: string }, issued: Issued, inBody: boolean) => {
    setRefreshCookie(res, issued.refreshToken, issued.expiresAt);
    return {
      accessToken: signAccessToken(config, { sub: user.userId, username: user.username }),
      ...(inBody ? { refreshToken: issued.refreshToken } : {}),
      expiresIn: config.ACCESS_TOKEN_TTL_SECONDS,
    };
  };
  /** The refresh token from the body (other clients) or from the cookie, whose use must come from our own pages. */
  const presented = (req: Request): { token?: string; fromCookie: boolean } => {
    const { refreshToken } = parseInput(RefreshRequest, req.body);
    if (refreshToken) return { token: refreshToken, fromCookie: false };
    const cookie = refreshCookieOf(req);
    if (cookie) checkCookieOrigin(req, config.CORS_ORIGINS);
    return { token: cookie, fromCookie: true };
  };

  routes.add(
    {
      method: 'post',
      path: '/auth/register',
      summary: 'Register an account',
      auth: false,
      description: 'Username and email are unique even under concurrent registrations: exactly one of them wins, the others get 409.',
      body: { name: 'RegisterRequest', schema: RegisterRequest },
      success: { status: 201, description: 'registered', name: 'RegisterResponse', schema: RegisterResponse },
      errors: [409, 429],
    },
    limiter({ windowMs: 60 * MINUTE, limit: config.REGISTER_LIMIT_PER_IP, key: (req) => `register:${byIp(req)}` }),
    async (req, res) => {
      const input = parseInput(RegisterRequest, req.body);
      const passwordHash = await hashPassword(input.password);
      const claim = await credentials.claim(
        { userId: randomUUID(), username: input.username, email: input.email, passwordHash },
        { matches: (hash) => verifyPassword(hash, input.password) },
      );
      const envelope = envelopeOf(req);
      const events = decideRegister({ ...input, userId: claim.userId }).map((d) => ({
        event: stamp(d, { ...envelope, actorId: claim.userId }, uuidV5('UserRegistered', claim.userId)),
        key: claim.userId,
      }));
      const position = await ctx.append(events, {
        done: async ([result]) => {
          await credentials.markRegistered(claim, ctx.rt.log);
          return formatPosition(result!.position);
        },
        failed: () => credentials.release(claim),
      });
      res.status(201).json({ userId: claim.userId, position });
      mail.send('verify_email', { userId: claim.userId, name: input.displayName ?? input.username, email: input.email });
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/auth/login',
      summary: 'Log in with username or email',
      auth: false,
      description:
        'All attempts are limited per IP; failed ones per account and IP (then 429), and per account: past that budget an IP that has failed on the account is refused, any other is slowed but still signs in with the right password.',
      body: { name: 'LoginRequest', schema: LoginRequest },
      success: { status: 200, description: 'logged in', name: 'LoginResponse', schema: LoginResponse },
      errors: [401, 429],
    },
    limiter({ windowMs: 15 * MINUTE, limit: config.LOGIN_LIMIT_PER_IP, key: (req) => `login-ip:${byIp(req)}` }),
    async (req, res) => {
      const input = parseInput(LoginRequest, req.body);
      const user = await credentials.findForLogin(input.login);
      const budget = budgetOf(user, input.login);
      await guard.admit(req, budget);
      if (!(await verifyPassword(user?.passwordHash, input.password)) || !user) {
        await guard.failed(req, budget);
        throw unauthorized('login or password is wrong', 'invalid_credentials');
      }
      const issued = await refreshTokens.issue(user.userId);
      res.json({ ...tokens(res, user, issued, input.refreshTokenIn === 'body'), user: { id: user.userId, username: user.username, email: user.email } });
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/auth/refresh',
      summary: 'Exchange a refresh token for new tokens',
      auth: false,
      description:
        'Browsers send no body: the refresh token travels in the HttpOnly cookie set by login, and the request must carry the app’s Origin (else 403). ' +
        'Other clients send {refreshToken} and get the next one in the answer. The presented token dies; presenting it again revokes every token of its login. ' +
        'A login ends REFRESH_FAMILY_LIFETIME_SECONDS after it began, however often it was refreshed.',
      body: { name: 'RefreshRequest', schema: RefreshRequest },
      success: { status: 200, description: 'new tokens', name: 'Tokens', schema: Tokens },
      errors: [401, 403],
    },
    async (req, res) => {
      const { token, fromCookie } = presented(req);
      if (!token) throw unauthorized('no refresh token: send the refresh cookie or {refreshToken}', 'invalid_refresh_token');
      try {
        const rotated = await refreshTokens.rotate(token);
        res.json(tokens(res, rotated, rotated, !fromCookie));
      } catch (err) {
        if (fromCookie) clearRefreshCookie(res);
        throw err;
      }
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/auth/logout',
      summary: 'Log out: revoke the refresh token and every token of its login',
      auth: false,
      description: 'The refresh token comes from the body or, for browsers, from the refresh cookie (Origin checked as for refresh); the cookie is cleared.',
      body: { name: 'RefreshRequest', schema: RefreshRequest },
      success: { status: 204, description: 'logged out (also when the token was unknown or already revoked)' },
      errors: [403],
    },
    async (req, res) => {
      const { token } = presented(req);
      if (token) await refreshTokens.revokeFamily(token);
      clearRefreshCookie(res);
      res.status(204).end();
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/auth/logout-everywhere',
      summary: 'Sign out everywhere: revoke every refresh token of the caller',
      auth: true,
      description: 'Every login of the caller ends (access tokens already issued expire on their own, within ACCESS_TOKEN_TTL_SECONDS); the cookie is cleared.',
      success: { status: 204, description: 'every session revoked' },
      errors: [],
    },
    ctx.auth,
    async (req, res) => {
      await refreshTokens.revokeAll(req.user!.sub);
      clearRefreshCookie(res);
      res.status(204).end();
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/me/password',
      summary: 'Change the caller’s password',
      auth: true,
      description:
        'Needs the current password (403 invalid_credentials when wrong; failures count against the account’s login budget, then 429). Every login of the caller ends, this one included: ' +
        'the answer is 204, the refresh cookie is cleared, and the client signs in again with the new password.',
      body: { name: 'ChangePasswordRequest', schema: ChangePasswordRequest },
      success: { status: 204, description: 'changed; every refresh token of the caller is revoked' },
      errors: [403, 429],
    },
    ctx.auth,
    async (req, res) => {
      const input = parseInput(ChangePasswordRequest, req.body);
      const userId = req.user!.sub;
      await checkPassword(req, userId, input.currentPassword);
      await changePassword(pool, refreshTokens, userId, await hashPassword(input.newPassword));
      clearRefreshCookie(res);
      res.status(204).end();
    },
  );

  return { credentials, checkPassword, refreshTokens };
}
