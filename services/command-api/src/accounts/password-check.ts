import { AppError, type Pool } from '@groupchat/shared';
import type { Request } from 'express';
import type { loginGuard } from './login-guard';
import { verifyPassword } from './passwords';
import { passwordHashOf } from './password-change';

/** Whose failed-login budget an attempt draws on: the account's, whichever form named it; an unknown login its own. */
export const budgetOf = (user: { userId: string } | undefined, login: string) =>
  user ? `user:${user.userId}` : `login:${login.normalize('NFC').trim().toLowerCase()}`;

/**
 * The signed-in caller proves they know the password (changing it, changing the address). A stolen
 * access token must not buy unlimited guesses: failures draw on the account's login budget.
 */
export function currentPasswordCheck(pool: Pool, guard: ReturnType<typeof loginGuard>) {
  return async (req: Request, userId: string, password: string): Promise<void> => {
    const budget = budgetOf({ userId }, '');
    await guard.admit(req, budget);
    const current = await passwordHashOf(pool, userId);
    if (!current || !(await verifyPassword(current, password))) {
      await guard.failed(req, budget);
      throw new AppError(403, 'invalid_credentials', 'the current password is wrong');
    }
  };
}
