import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { unauthorized, withTransaction, type Pool } from '@groupchat/shared';

export interface Issued {
  refreshToken: string;
  expiresAt: Date;
}

export interface Rotated extends Issued {
  userId: string;
  username: string;
}

export interface Lifetimes {
  /** How long one token lives unused. */
  ttlSeconds: number;
  /** How long a family (one login) lives however often it is rotated. */
  familySeconds: number;
}

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Refresh tokens, stored only as SHA-256 digests. Each refresh rotates the token; the tokens
 * descending from one login form a family, and presenting a token that was already rotated
 * (a stolen copy, or the thief's after the owner used it) revokes the whole family. A family
 * ends a fixed time after its login: rotation carries the start forward, never resets it.
 */
export class RefreshTokens {
  constructor(
    private readonly pool: Pool,
    private readonly lifetimes: Lifetimes,
  ) {}

  async issue(userId: string, family: { id: string; startedAt?: Date } = { id: randomUUID() }, db: Pick<Pool, 'query'> = this.pool): Promise<Issued> {
    const token = randomBytes(32).toString('base64url');
    const { rows } = await db.query<{ expires_at: Date }>(
      `INSERT INTO refresh_tokens (token_hash, family_id, user_id, family_started_at, expires_at)
       SELECT $1, $2, $3, s.started, LEAST(now() + make_interval(secs => $5), s.started + make_interval(secs => $6))
         FROM (SELECT COALESCE($4::timestamptz, now()) AS started) s
       RETURNING expires_at`,
      [digest(token), family.id, userId, family.startedAt ?? null, this.lifetimes.ttlSeconds, this.lifetimes.familySeconds],
    );
    return { refreshToken: token, expiresAt: rows[0]!.expires_at };
  }

  async rotate(token: string): Promise<Rotated> {
    const outcome = await withTransaction<{ error: 'invalid' | 'reused' } | { rotated: Rotated }>(this.pool, async (db) => {
      const { rows } = await db.query<{
        family_id: string;
        family_started_at: Date;
        user_id: string;
        username: string;
        rotated: boolean;
        revoked: boolean;
        expired: boolean;
      }>(
        `SELECT t.family_id, t.family_started_at, t.user_id, c.username, t.rotated_at IS NOT NULL AS rotated, t.revoked_at IS NOT NULL AS revoked,
                t.expires_at <= now() OR t.family_started_at + make_interval(secs => $2) <= now() AS expired
           FROM refresh_tokens t JOIN credentials c USING (user_id)
          WHERE t.token_hash = $1 FOR UPDATE OF t`,
        [digest(token), this.lifetimes.familySeconds],
      );
      const row = rows[0];
      if (!row || row.revoked || row.expired) return { error: 'invalid' };
      if (row.rotated) {
        await db.query('UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL', [row.family_id]);
        return { error: 'reused' };
      }
      await db.query('UPDATE refresh_tokens SET rotated_at = now() WHERE token_hash = $1', [digest(token)]);
      const issued = await this.issue(row.user_id, { id: row.family_id, startedAt: row.family_started_at }, db);
      return { rotated: { userId: row.user_id, username: row.username, ...issued } };
    });
    if ('rotated' in outcome) return outcome.rotated;
    throw outcome.error === 'reused'
      ? unauthorized('this refresh token was already used; every session of this login is now revoked, log in again', 'refresh_token_reused')
      : unauthorized('invalid, expired or revoked refresh token', 'invalid_refresh_token');
  }

  /** Logout ends the login the token belongs to: every token of its family. */
  async revokeFamily(token: string): Promise<void> {
    await this.pool.query(
      `UPDATE refresh_tokens SET revoked_at = now()
        WHERE family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = $1) AND revoked_at IS NULL`,
      [digest(token)],
    );
  }

  /** Every login of the user ends: sign-out everywhere, a changed password. */
  async revokeAll(userId: string, db: Pick<Pool, 'query'> = this.pool): Promise<void> {
    await db.query('UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [userId]);
  }
}
