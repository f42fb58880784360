import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { unauthorized, withTransaction, type Pool } from '@groupchat/shared';

export interface Rotated {
  userId: string;
  username: string;
  refreshToken: string;
}

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Refresh tokens, stored only as SHA-256 digests. Each refresh rotates the token; the tokens
 * descending from one login form a family, and presenting a token that was already rotated
 * (a stolen copy, or the thief's after the owner used it) revokes the whole family.
 */
export class RefreshTokens {
  constructor(
    private readonly pool: Pool,
    private readonly ttlSeconds: number,
  ) {}

  async issue(userId: string, familyId: string = randomUUID(), db: Pick<Pool, 'query'> = this.pool): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await db.query(`INSERT INTO refresh_tokens (token_hash, family_id, user_id, expires_at) VALUES ($1, $2, $3, now() + make_interval(secs => $4))`, [
      digest(token), familyId, userId, this.ttlSeconds,
    ]);
    return token;
  }

  async rotate(token: string): Promise<Rotated> {
    const outcome = await withTransaction<{ error: 'invalid' | 'reused' } | { rotated: Rotated }>(this.pool, async (db) => {
      const { rows } = await db.query<{ family_id: string; user_id: string; username: string; rotated: boolean; revoked: boolean; expired: boolean }>(
        `SELECT t.family_id, t.user_id, c.username, t.rotated_at IS NOT NULL AS rotated, t.revoked_at IS NOT NULL AS revoked, t.expires_at <= now() AS expired
           FROM refresh_tokens t JOIN credentials c USING (user_id)
          WHERE t.token_hash = $1 FOR UPDATE OF t`,
        [digest(token)],
      );
      const row = rows[0];
      if (!row || row.revoked || row.expired) return { error: 'invalid' };
      if (row.rotated) {
        await db.query('UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL', [row.family_id]);
        return { error: 'reused' };
      }
      await db.query('UPDATE refresh_tokens SET rotated_at = now() WHERE token_hash = $1', [digest(token)]);
      const refreshToken = await this.issue(row.user_id, row.family_id, db);
      return { rotated: { userId: row.user_id, username: row.username, refreshToken } };
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
}
