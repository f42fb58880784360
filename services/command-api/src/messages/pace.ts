import type { RequestHandler } from 'express';
import type { Config } from '@groupchat/shared';
import { byUser, limiter, MINUTE } from '../http/rate-limits';

type Budget = Pick<Config, 'MESSAGE_LIMIT_BURST' | 'MESSAGE_LIMIT_SUSTAINED'>;

/**
 * One user's budget of messages and reactions, counted in this process: a shared counter would
 * put a Postgres round trip before every send. Each request draws one point.
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
}
