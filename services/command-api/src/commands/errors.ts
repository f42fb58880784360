import type { ErrorRequestHandler } from 'express';
import { AppError } from '@groupchat/shared';

const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '53300']);

/**
 * Dependencies that are down or not ready become 503 with Retry-After (a retry may succeed),
 * never 500: Postgres unreachable, or a read model whose view the projectors have not created yet.
 */
export const commandErrors: ErrorRequestHandler = (err, _req, res, next) => {
  const mapped = err instanceof AppError ? err : fromDatabase(err);
  if (mapped?.status === 503) res.setHeader('Retry-After', String(typeof mapped.extra.retryAfter === 'number' ? mapped.extra.retryAfter : 1));
  next(mapped ?? err);
};

function fromDatabase(err: unknown): AppError | undefined {
  const e = err as { code?: string; message?: string } | undefined;
  if (!e) return undefined;
  if (e.code === '42P01') return new AppError(503, 'read_model_unavailable', 'the read model is not ready yet; retry shortly', {}, true);
  if ((e.code && UNREACHABLE.has(e.code)) || /Connection terminated|timeout exceeded when trying to connect/i.test(e.message ?? '')) {
    return new AppError(503, 'database_unavailable', 'the database is unavailable; retry shortly', {}, true);
  }
  return undefined;
}
