import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { unauthorized } from './errors';
import { metricsText, registry } from './metrics';

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * /metrics names routes, queues and volumes: for the scraper, not the public. It is served only
 * with `Authorization: Bearer <METRICS_TOKEN>`; without a configured token it does not exist (404).
 */
export function metricsEndpoint(token: string | undefined): RequestHandler {
  const expected = token ? digest(token) : undefined;
  return async (req, res, next) => {
    if (!expected) return next();
    const given = /^Bearer (\S{1,512})$/.exec(req.get('authorization') ?? '')?.[1];
    if (!given || !timingSafeEqual(digest(given), expected)) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      return next(unauthorized('/metrics needs the metrics bearer token'));
    }
    res.type(registry.contentType).send(await metricsText());
  };
}
