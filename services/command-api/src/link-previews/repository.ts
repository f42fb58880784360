import type { Pool } from '@groupchat/shared';

export type PreviewState = 'pending' | 'ready' | 'none' | 'refused';

export interface PreviewRow {
  url: string;
  id: string;
  state: PreviewState;
  title: string | null;
  description: string | null;
  siteName: string | null;
  imageKey: string | null;
  reason: string | null;
  expiresAt: Date;
}

const COLUMNS = `url, id, state, title, description, site_name AS "siteName", image_key AS "imageKey", reason, expires_at AS "expiresAt"`;

export type Outcome = Pick<PreviewRow, 'state' | 'title' | 'description' | 'siteName' | 'imageKey' | 'reason'>;

/**
 * Takes the right to fetch `url`: a new row, or an expired one (an old entry, or the claim of
 * a fetcher that died). Undefined when someone else's entry or claim is still current.
 */
export async function claim(pool: Pool, url: string, id: string, claimSeconds: number): Promise<PreviewRow | undefined> {
  const { rows } = await pool.query<PreviewRow>(
    `INSERT INTO link_previews (url, id, state, expires_at) VALUES ($1, $2, 'pending', now() + make_interval(secs => $3))
     ON CONFLICT (url) DO UPDATE SET state = 'pending', fetched_at = now(), expires_at = EXCLUDED.expires_at
       WHERE link_previews.expires_at <= now()
     RETURNING ${COLUMNS}`,
    [url, id, claimSeconds],
  );
  return rows[0];
}

export async function settle(pool: Pool, url: string, outcome: Outcome, ttlSeconds: number): Promise<PreviewRow> {
  const { rows } = await pool.query<PreviewRow>(
    `UPDATE link_previews SET state = $2, title = $3, description = $4, site_name = $5, image_key = $6, reason = $7,
            fetched_at = now(), expires_at = now() + make_interval(secs => $8)
      WHERE url = $1 RETURNING ${COLUMNS}`,
    [url, outcome.state, outcome.title, outcome.description, outcome.siteName, outcome.imageKey, outcome.reason, ttlSeconds],
  );
  return rows[0]!;
}

export async function findByUrl(pool: Pool, url: string): Promise<PreviewRow | undefined> {
  const { rows } = await pool.query<PreviewRow>(`SELECT ${COLUMNS} FROM link_previews WHERE url = $1`, [url]);
  return rows[0];
}

export async function findById(pool: Pool, id: string): Promise<PreviewRow | undefined> {
  const { rows } = await pool.query<PreviewRow>(`SELECT ${COLUMNS} FROM link_previews WHERE id = $1`, [id]);
  return rows[0];
}
