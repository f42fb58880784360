import type { ErrorRequestHandler } from 'express';
import { AppError, dependencyError } from '@groupchat/shared';

/**
 * Dependencies that are down or not ready become 503 with Retry-After (a retry may succeed),
 * never 500: Postgres unreachable, or a read model whose view the projectors have not created yet.
 */
export const commandErrors: ErrorRequestHandler = (err, _req, res, next) => {
  const mapped = err instanceof AppError ? err : dependencyError(err);
  if (mapped?.status === 503) res.setHeader('Retry-After', String(typeof mapped.extra.retryAfter === 'number' ? mapped.extra.retryAfter : 1));
  next(mapped ?? err);
};
