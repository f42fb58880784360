import type { Request, RequestHandler, Response } from 'express';

/**
 * A middleware as a promise: resolves when it calls `next()`, rejects with what it passes to
 * `next(err)` or throws. Lets a route run middlewares that each wait on a round trip side by
 * side instead of one after the other.
 */
export function passed(handler: RequestHandler, req: Request, res: Response): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const next = (err?: unknown) => (err === undefined || err === null ? resolve() : reject(err));
    Promise.resolve(handler(req, res, next)).catch(reject);
  });
}
