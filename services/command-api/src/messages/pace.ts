import type { Request, RequestHandler } from 'express';
import { limitStoreOf, rateLimited, retryAfterSeconds, type AppError, type Config } from '@groupchat/shared';
import { byUser, limiter, MINUTE } from '../http/rate-limits';

type Budget = Pick<Config, 'MESSAGE_LIMIT_BURST' | 'MESSAGE_LIMIT_SUSTAINED'>;

/**
 * One user's budget of messages and reactions, counted in this process: a shared counter would
 * put a Postgres round trip before every send. A request of one message draws one point
 * through `perRequest`; a batch draws one per message through `admit`, from the same counters.
 */
export class MessagePace {
  readonly perRequest: RequestHandler[];
  private readonly rules: { windowMs: number; limit: number; prefix: string }[];

  constructor(config: Budget) {
    this.rules = [
      { windowMs: 10_000, limit: config.MESSAGE_LIMIT_BURST, prefix: 'burst' },
      { windowMs: 5 * MINUTE, limit: config.MESSAGE_LIMIT_SUSTAINED, prefix: 'sustained' },
    ];
    this.perRequest = this.rules.map(({ windowMs, limit, prefix }) => limiter({ windowMs, limit, key: (req) => `${prefix}:${byUser(req)}`, scope: 'process' }));
  }

  /** Draws one point per message, in order; a message past the budget gets its own 429. */
  admit(req: Request, messages: number): Promise<(AppError | undefined)[]> {
    const store = limitStoreOf(req);
    const counters = this.rules.map(({ windowMs, limit, prefix }) => ({ counter: store.localCounter(windowMs, limit), key: `${prefix}:${byUser(req)}` }));
    return Promise.all(
      Array.from({ length: messages }, async () => {
        try {
          for (const { counter, key } of counters) await counter.consume(key);
          return undefined;
        } catch (rejected) {
          // The counter rejects with its state when over the limit, with an Error when it failed.
          if (rejected instanceof Error) throw rejected;
          return rateLimited(retryAfterSeconds(rejected as Parameters<typeof retryAfterSeconds>[0]));
        }
      }),
    );
  }
}
