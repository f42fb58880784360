import { randomUUID } from 'node:crypto';
import { formatPosition, signAccessToken, unauthorized } from '@groupchat/shared';
import type { CommandContext } from '../commands/context';
import { envelopeOf, stamp, uuidV5 } from '../commands/envelope';
import { limiter, byIp, MINUTE } from '../commands/rate-limits';
import type { CommandRoutes } from '../commands/routes';
import { parseInput } from '../commands/validation';
import { CredentialStore } from './credentials';
import { decideRegister } from './decide';
import { hashPassword, verifyPassword } from './passwords';
import { RefreshTokens } from './refresh-tokens';
import { LoginRequest, LoginResponse, RefreshRequest, RegisterRequest, RegisterResponse, Tokens } from './schemas';

const loginKey = (req: { body?: { login?: unknown } }) => String(req.body?.login ?? '').normalize('NFC').trim().toLowerCase().slice(0, 254);

export function authRoutes(routes: CommandRoutes, ctx: CommandContext) {
  const { config, pool } = ctx.rt;
  const credentials = new CredentialStore(pool, config.APPEND_TIMEOUT_MS);
  const refreshTokens = new RefreshTokens(pool, config.REFRESH_TOKEN_TTL_SECONDS);
  const tokens = async (user: { userId: string; username: string }, refreshToken: string) => ({
    accessToken: signAccessToken(config, { sub: user.userId, username: user.username }),
    refreshToken,
    expiresIn: config.ACCESS_TOKEN_TTL_SECONDS,
  });

  routes.add(
    {
      method: 'post', path: '/auth/register', summary: 'Register an account', auth: false,
      description: 'Username and email are unique even under concurrent registrations: exactly one of them wins, the others get 409.',
      body: { name: 'RegisterRequest', schema: RegisterRequest },
      success: { status: 201, description: 'registered', name: 'RegisterResponse', schema: RegisterResponse },
      errors: [409, 429],
    },
    limiter({ windowMs: 60 * MINUTE, limit: config.REGISTER_LIMIT_PER_IP, key: (req) => `register:${byIp(req)}` }),
    async (req, res) => {
      const input = parseInput(RegisterRequest, req.body);
      const passwordHash = await hashPassword(input.password);
      const claim = await credentials.claim({ userId: randomUUID(), username: input.username, email: input.email, passwordHash });
      const envelope = envelopeOf(req);
      const events = decideRegister({ ...input, userId: claim.userId }).map((d) => ({ event: stamp(d, { ...envelope, actorId: claim.userId }, uuidV5('UserRegistered', claim.userId)), key: claim.userId }));
      const position = await ctx.append(events, {
        done: async ([result]) => {
          await credentials.markRegistered(claim, ctx.rt.log);
          return formatPosition(result!.position);
        },
        failed: () => credentials.release(claim),
      });
      res.status(201).json({ userId: claim.userId, position });
    },
  );

  routes.add(
    {
      method: 'post', path: '/auth/login', summary: 'Log in with username or email', auth: false,
      description: 'Failed attempts are limited per login name and IP, per login name, and all attempts per IP.',
      body: { name: 'LoginRequest', schema: LoginRequest },
      success: { status: 200, description: 'logged in', name: 'LoginResponse', schema: LoginResponse },
      errors: [401, 429],
    },
    limiter({ windowMs: 15 * MINUTE, limit: config.LOGIN_LIMIT_PER_IP, key: (req) => `login-ip:${byIp(req)}` }),
    limiter({ windowMs: 15 * MINUTE, limit: config.LOGIN_LIMIT_PER_ACCOUNT, key: (req) => `login:${loginKey(req)}`, onlyFailures: true }),
    limiter({ windowMs: 15 * MINUTE, limit: config.LOGIN_LIMIT_PER_IP_AND_ACCOUNT, key: (req) => `login-ip-account:${byIp(req)}:${loginKey(req)}`, onlyFailures: true }),
    async (req, res) => {
      const input = parseInput(LoginRequest, req.body);
      const user = await credentials.findForLogin(input.login);
      if (!(await verifyPassword(user?.passwordHash, input.password)) || !user) throw unauthorized('login or password is wrong', 'invalid_credentials');
      const refreshToken = await refreshTokens.issue(user.userId);
      res.json({ ...(await tokens(user, refreshToken)), user: { id: user.userId, username: user.username, email: user.email } });
    },
  );

  routes.add(
    {
      method: 'post', path: '/auth/refresh', summary: 'Exchange a refresh token for new tokens', auth: false,
      description: 'The presented refresh token dies; presenting it again revokes every token of its login.',
      body: { name: 'RefreshRequest', schema: RefreshRequest },
      success: { status: 200, description: 'new tokens', name: 'Tokens', schema: Tokens },
      errors: [401],
    },
    async (req, res) => {
      const { refreshToken } = parseInput(RefreshRequest, req.body);
      const rotated = await refreshTokens.rotate(refreshToken);
      res.json(await tokens(rotated, rotated.refreshToken));
    },
  );

  routes.add(
    {
      method: 'post', path: '/auth/logout', summary: 'Log out: revoke the refresh token and every token of its login', auth: false,
      body: { name: 'RefreshRequest', schema: RefreshRequest },
      success: { status: 204, description: 'logged out (also when the token was unknown or already revoked)' },
      errors: [],
    },
    async (req, res) => {
      const { refreshToken } = parseInput(RefreshRequest, req.body);
      await refreshTokens.revokeFamily(refreshToken);
      res.status(204).end();
    },
  );

  return { credentials };
}
