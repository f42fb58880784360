import { withTransaction, type Pool } from '@groupchat/shared';
import type { RefreshTokens } from './refresh-tokens';

export async function passwordHashOf(pool: Pool, userId: string): Promise<string | undefined> {
  const { rows } = await pool.query<{ password_hash: string }>(`SELECT password_hash FROM credentials WHERE user_id = $1 AND status = 'registered'`, [userId]);
  return rows[0]?.password_hash;
}

/** The new hash and the end of every login of the user commit together: no old session survives a change. */
export async function changePassword(pool: Pool, refreshTokens: RefreshTokens, userId: string, passwordHash: string): Promise<void> {
  await withTransaction(pool, async (db) => {
    await db.query('UPDATE credentials SET password_hash = $2 WHERE user_id = $1', [userId, passwordHash]);
    await refreshTokens.revokeAll(userId, db);
  });
}
