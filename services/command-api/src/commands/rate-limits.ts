import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { rateLimited } from '@groupchat/shared';

export interface LimitRule {
  windowMs: number;
  limit: number;
  key: (req: Request) => string;
  /** Count only answers of 400 and above (failed logins), so a legitimate user is never locked out by their own successes. */
  onlyFailures?: boolean;
}

/**
 * One in-memory limiter (per process: several instances each apply the limit on their own).
 * Over the limit the answer is a 429 problem with Retry-After until the window resets.
 */
export function limiter({ windowMs, limit, key, onlyFailures = false }: LimitRule): RequestHandler {
  return rateLimit({
    windowMs,
    limit,
    keyGenerator: key,
    skipFailedRequests: false,
    skipSuccessfulRequests: onlyFailures,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (req, _res, next) => {
      const reset = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime?.getTime();
      next(rateLimited(reset ? Math.max(1, Math.ceil((reset - Date.now()) / 1000)) : Math.ceil(windowMs / 1000)));
    },
  });
}

export const byIp = (req: Request) => ipKeyGenerator(req.ip ?? 'unknown');
export const byUser = (req: Request) => `user:${req.user?.sub ?? byIp(req)}`;

export const MINUTE = 60_000;
