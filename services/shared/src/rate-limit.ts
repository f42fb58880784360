import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Pool } from 'pg';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { rateLimited } from './errors';

export interface LimitRule {
  windowMs: number;
  limit: number;
  key: (req: Request) => string;
  /** Count only answers of 400 and above (failed attempts), so a user's own successes never use up the budget. */
  onlyFailures?: boolean;
  /**
   * `shared` (the default): counted in Postgres, one budget for every instance. `process`: counted
   * in this process's memory, for the hot path (message sends), where a database round trip per
   * request would cost more than the limit protects; N instances then allow at most N times it.
   */
  scope?: 'shared' | 'process';
}

const TABLE = 'rate_limits';

/**
 * Rate-limit counters in Postgres, so every instance on one database draws from one budget
 * (in memory, N instances would allow N times the limit).
 */
export class LimitStore {
  private readonly counters = new Map<string, RateLimiterPostgres>();
  private readonly local = new Map<string, RateLimiterMemory>();

  private constructor(private readonly pool: Pool) {}

  /**
   * Creates the table once at start-up; the counters then only read and upsert rows. Unlogged:
   * a count is worth less than the WAL flush its commit would otherwise wait for on every limited
   * request (the search path's slowest step under load); a database crash resets the windows.
   */
  static async open(pool: Pool): Promise<LimitStore> {
    await pool.query(`CREATE UNLOGGED TABLE IF NOT EXISTS ${TABLE} (key varchar(255) PRIMARY KEY, points integer NOT NULL DEFAULT 0, expire bigint)`);
    // Tables created logged before: the check keeps instances starting together from queueing on the rewrite's lock.
    await pool.query(
      `DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_class WHERE oid = to_regclass('${TABLE}') AND relpersistence = 'p') THEN ALTER TABLE ${TABLE} SET UNLOGGED; END IF; END $$`,
    );
    return new LimitStore(pool);
  }

  /** A counter kept in this process only (see LimitRule.scope). */
  localCounter(windowMs: number, limit: number): RateLimiterMemory {
    const id = `${windowMs}/${limit}`;
    let counter = this.local.get(id);
    if (!counter) {
      counter = new RateLimiterMemory({ keyPrefix: 'rl', points: limit, duration: Math.ceil(windowMs / 1000) });
      this.local.set(id, counter);
    }
    return counter;
  }

  counter(windowMs: number, limit: number): RateLimiterPostgres {
    const id = `${windowMs}/${limit}`;
    let counter = this.counters.get(id);
    if (!counter) {
      const duration = Math.ceil(windowMs / 1000);
      // While Postgres is unreachable each instance counts on its own rather than failing every limited route.
      const insuranceLimiter = new RateLimiterMemory({ keyPrefix: 'rl', points: limit, duration });
      counter = new RateLimiterPostgres({
        storeClient: this.pool,
        storeType: 'pool',
        tableName: TABLE,
        tableCreated: true,
        keyPrefix: 'rl',
        points: limit,
        duration,
        insuranceLimiter,
      });
      this.counters.set(id, counter);
    }
    return counter;
  }
}

/** serve() puts the store of its runtime here, so a limiter finds it without being handed it. */
export const limitStoreOf = (req: Request): LimitStore => {
  const store = (req.app.locals as { limits?: LimitStore }).limits;
  if (!store) throw new Error('no rate-limit store: routes with limits must be mounted through serve()');
  return store;
};

export const retryAfterSeconds = (res: RateLimiterRes) => Math.max(1, Math.ceil(res.msBeforeNext / 1000));

/** The store rejects with a RateLimiterRes when over the limit, with an Error when Postgres failed. */
const refuse = (next: NextFunction) => (rejected: unknown) => next(rejected instanceof RateLimiterRes ? rateLimited(retryAfterSeconds(rejected)) : rejected);

/** Over the limit the answer is a 429 problem with Retry-After until the window resets. */
export function limiter({ windowMs, limit, key, onlyFailures = false, scope = 'shared' }: LimitRule): RequestHandler {
  return (req, res, next) => {
    const store = limitStoreOf(req);
    const counter = scope === 'process' ? store.localCounter(windowMs, limit) : store.counter(windowMs, limit);
    if (onlyFailures) return countFailures(counter, key(req), res, next);
    counter.consume(key(req)).then((r) => {
      res.setHeader('RateLimit-Policy', `${limit};w=${Math.ceil(windowMs / 1000)}`);
      res.setHeader('RateLimit', `limit=${limit}, remaining=${r.remainingPoints}, reset=${retryAfterSeconds(r)}`);
      next();
    }, refuse(next));
  };
}

/**
 * Counts the attempt up front, as any other, and gives the point back once it succeeded: a burst
 * of failures in flight together cannot slip past the limit before any of them is counted.
 */
function countFailures(counter: RateLimiterPostgres | RateLimiterMemory, key: string, res: Response, next: NextFunction) {
  counter.consume(key).then(() => {
    res.on('finish', () => {
      if (res.statusCode < 400) void counter.reward(key).catch(() => undefined);
    });
    next();
  }, refuse(next));
}
