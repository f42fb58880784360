import { randomUUID } from 'node:crypto';
import { AppError, conflict, type Logger, type Pool } from '@groupchat/shared';

export interface NewCredentials {
  userId: string;
  username: string;
  email: string;
  passwordHash: string;
}

export interface Claim extends NewCredentials {
  attemptId: string;
}

export interface PasswordCheck {
  matches(passwordHash: string): Promise<boolean>;
}

export interface StoredCredentials {
  userId: string;
  username: string;
  email: string;
  passwordHash: string;
}

const taken = (field: 'username' | 'email') =>
  new AppError(409, `${field}_taken`, `this ${field} is already taken`, { errors: [{ field, message: 'is already taken' }] });

/**
 * Credentials, and with them the uniqueness of usernames and emails: a row is claimed
 * (unique constraints) before UserRegistered is appended, marked registered after, and
 * deleted if the append failed.
 */
export class CredentialStore {
  constructor(
    private readonly pool: Pool,
    /** After this long an unsettled claim's request has already been answered, so its own retry may take it over. */
    private readonly staleAfterMs: number,
  ) {}

  /** `password.matches` tells whether the registrant's password is the one a pending claim was made with. */
  async claim(creds: NewCredentials, password: PasswordCheck): Promise<Claim> {
    const attemptId = randomUUID();
    try {
      await this.pool.query('INSERT INTO credentials (user_id, username, email, password_hash, attempt_id) VALUES ($1, $2, $3, $4, $5)', [
        creds.userId,
        creds.username,
        creds.email,
        creds.passwordHash,
        attemptId,
      ]);
      return { ...creds, attemptId };
    } catch (err) {
      if ((err as { code?: string }).code !== '23505') throw err;
    }
    return this.takeOver(creds, attemptId, password);
  }

  /**
   * The same registration (same username, email and password) retried after its first attempt
   * timed out resumes that claim with the same user id, so a late success of the first attempt
   * and the retry describe one user. Anyone else is refused: the pending claim keeps its own
   * password hash, or whoever retried first with another password would own the account.
   */
  private async takeOver(creds: NewCredentials, attemptId: string, password: PasswordCheck): Promise<Claim> {
    const { rows } = await this.pool.query<{
      user_id: string;
      username: string;
      email: string;
      password_hash: string;
      status: string;
      attempt_id: string;
      stale: boolean;
    }>(
      `SELECT user_id, username, email, password_hash, status, attempt_id, claimed_at < now() - make_interval(secs => $3::double precision / 1000) AS stale
         FROM credentials WHERE username = $1 OR email = $2`,
      [creds.username, creds.email, this.staleAfterMs],
    );
    const same = rows.length === 1 && rows[0]!.username === creds.username && rows[0]!.email === creds.email ? rows[0]! : undefined;
    if (same && same.status === 'claimed' && same.stale && (await password.matches(same.password_hash))) {
      const resumed = await this.pool.query(
        `UPDATE credentials SET attempt_id = $2, claimed_at = now()
          WHERE user_id = $1 AND attempt_id = $3 AND status = 'claimed'`,
        [same.user_id, attemptId, same.attempt_id],
      );
      if (resumed.rowCount) return { ...creds, userId: same.user_id, passwordHash: same.password_hash, attemptId };
    }
    throw rows.some((r) => r.username === creds.username) ? taken('username') : rows.length ? taken('email') : conflict('registration in progress, retry');
  }

  /** Upserts, so an attempt that succeeds after a later retry released the claim still leaves its user able to log in. */
  async markRegistered(claim: Claim, log: Logger): Promise<void> {
    try {
      await this.pool.query(
        `INSERT INTO credentials (user_id, username, email, password_hash, attempt_id, status, registered_at)
         VALUES ($1, $2, $3, $4, $5, 'registered', now())
         ON CONFLICT (user_id) DO UPDATE SET status = 'registered', registered_at = coalesce(credentials.registered_at, now())`,
        [claim.userId, claim.username, claim.email, claim.passwordHash, claim.attemptId],
      );
    } catch (err) {
      log.error({ err, userId: claim.userId, username: claim.username }, 'UserRegistered is in the log but its credentials could not be recorded');
      throw err;
    }
  }

  async release(claim: Claim): Promise<void> {
    await this.pool.query(`DELETE FROM credentials WHERE user_id = $1 AND attempt_id = $2 AND status = 'claimed'`, [claim.userId, claim.attemptId]);
  }

  async findForLogin(login: string): Promise<StoredCredentials | undefined> {
    const { rows } = await this.pool.query<{ user_id: string; username: string; email: string; password_hash: string }>(
      `SELECT user_id, username, email, password_hash FROM credentials WHERE (username = $1 OR email = $1) AND status = 'registered' LIMIT 1`,
      [login],
    );
    const row = rows[0];
    return row && { userId: row.user_id, username: row.username, email: row.email, passwordHash: row.password_hash };
  }

  async isRegistered(userId: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(`SELECT 1 FROM credentials WHERE user_id = $1 AND status = 'registered'`, [userId]);
    return (rowCount ?? 0) > 0;
  }
}
