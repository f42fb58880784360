import { createHash, randomBytes } from 'node:crypto';
import { AppError, type Pool } from '@groupchat/shared';

export type TokenPurpose = 'verify_email' | 'change_email' | 'reset_password';

export interface Redeemed {
  userId: string;
  purpose: TokenPurpose;
  /** The address the token was mailed to. */
  email: string;
}

type Db = Pick<Pool, 'query'>;

/** 422 for a link that is unknown, used, expired or no longer matches the account. */
export const invalidToken = () =>
  new AppError(422, 'invalid_token', 'this link is invalid, expired or already used', {
    errors: [{ field: 'token', message: 'is invalid, expired or already used' }],
  });

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * One-time tokens sent by mail, stored as SHA-256 digests (a leaked table opens nothing). A new
 * token of a purpose supersedes the user's earlier ones of that purpose; a token works once and
 * until it expires.
 */
export class AccountTokens {
  constructor(private readonly pool: Pool) {}

  async issue(userId: string, purpose: TokenPurpose, email: string, ttlSeconds: number, db: Db = this.pool): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await db.query(
      `WITH superseded AS (UPDATE account_tokens SET used_at = now() WHERE user_id = $2 AND purpose = $3 AND used_at IS NULL)
       INSERT INTO account_tokens (token_hash, user_id, purpose, email, expires_at) VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))`,
      [digest(token), userId, purpose, email, ttlSeconds],
    );
    return token;
  }

  /** Uses the token up, inside the caller's transaction: undefined when unknown, used, expired or for another purpose. */
  async redeem(db: Db, token: string, purposes: TokenPurpose[]): Promise<Redeemed | undefined> {
    const { rows } = await db.query<{ user_id: string; purpose: TokenPurpose; email: string }>(
      `UPDATE account_tokens SET used_at = now()
        WHERE token_hash = $1 AND purpose = ANY($2::text[]) AND used_at IS NULL AND expires_at > now()
        RETURNING user_id, purpose, email`,
      [digest(token), purposes],
    );
    const row = rows[0];
    return row && { userId: row.user_id, purpose: row.purpose, email: row.email };
  }

  /** After the address changed or the password was reset: links mailed before then stop working. */
  async revoke(db: Db, userId: string, purposes: TokenPurpose[]): Promise<void> {
    await db.query('UPDATE account_tokens SET used_at = now() WHERE user_id = $1 AND purpose = ANY($2::text[]) AND used_at IS NULL', [userId, purposes]);
  }
}
