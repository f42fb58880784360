import type { Request } from 'express';
import { setTimeout as sleep } from 'node:timers/promises';
import { limitStoreOf, rateLimited, retryAfterSeconds, type Config } from '@groupchat/shared';
import { byIp, MINUTE } from '../http/rate-limits';

const WINDOW = 15 * MINUTE;

type GuardConfig = Pick<Config, 'LOGIN_LIMIT_PER_ACCOUNT' | 'LOGIN_LIMIT_PER_IP_AND_ACCOUNT' | 'LOGIN_LOCKED_DELAY_MS'>;

/**
 * Failed logins, counted per account (its id, so the username and email forms share one budget;
 * an unknown login by its normalised form) and per (IP, account).
 *
 * An IP past its own budget for an account is refused. An account past its overall budget is
 * under attack from elsewhere, but refusing it would hand the attacker a lockout of the owner:
 * instead each IP that has already failed on it is refused, and one that has not is slowed by
 * LOGIN_LOCKED_DELAY_MS and then checked as usual, so the right password still signs in.
 */
export function loginGuard(config: GuardConfig) {
  const counters = (req: Request) => {
    const store = limitStoreOf(req);
    return { account: store.counter(WINDOW, config.LOGIN_LIMIT_PER_ACCOUNT), ipAccount: store.counter(WINDOW, config.LOGIN_LIMIT_PER_IP_AND_ACCOUNT) };
  };
  const keys = (req: Request, account: string) => ({ account: `login-account:${account}`, ipAccount: `login-ip-account:${byIp(req)}:${account}` });

  return {
    /** Before the password is checked: refuses or slows, by the failures so far. */
    async admit(req: Request, account: string): Promise<void> {
      const { account: all, ipAccount } = counters(req);
      const key = keys(req, account);
      const [fromHere, overall] = await Promise.all([ipAccount.get(key.ipAccount), all.get(key.account)]);
      const failedHere = fromHere?.consumedPoints ?? 0;
      if (failedHere >= config.LOGIN_LIMIT_PER_IP_AND_ACCOUNT) throw rateLimited(retryAfterSeconds(fromHere!));
      if ((overall?.consumedPoints ?? 0) < config.LOGIN_LIMIT_PER_ACCOUNT) return;
      if (failedHere > 0) throw rateLimited(retryAfterSeconds(fromHere!));
      await sleep(config.LOGIN_LOCKED_DELAY_MS);
    },
    async failed(req: Request, account: string): Promise<void> {
      const { account: all, ipAccount } = counters(req);
      const key = keys(req, account);
      // penalty() counts without refusing: the budget decides in admit(), not here.
      await Promise.all([all.penalty(key.account), ipAccount.penalty(key.ipAccount)]);
    },
  };
}
