import type { Request } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';

// The counters live in Postgres (shared by every instance); see @groupchat/shared's limiter.
import { limiter } from '@groupchat/shared';

export { limiter, type LimitRule } from '@groupchat/shared';

/** req.ip is the client named by a trusted proxy (TRUST_PROXY), else the peer; IPv6 counts per /56. */
export const byIp = (req: Request) => ipKeyGenerator(req.ip ?? 'unknown');
export const byUser = (req: Request) => `user:${req.user?.sub ?? byIp(req)}`;

export const MINUTE = 60_000;

/** Per user, so one account cannot flood the media store or the groups list. */
export const uploadLimit = (config: { MEDIA_UPLOAD_LIMIT: number }) =>
  limiter({ windowMs: 10 * MINUTE, limit: config.MEDIA_UPLOAD_LIMIT, key: (req) => `media:${byUser(req)}` });
export const groupCreateLimit = (config: { GROUP_CREATE_LIMIT: number }) =>
  limiter({ windowMs: 60 * MINUTE, limit: config.GROUP_CREATE_LIMIT, key: (req) => `group-create:${byUser(req)}` });
