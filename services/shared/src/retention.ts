/**
 * Retention (docs/privacy.md): a group's `retention_days` (null: forever) hides its messages
 * older than that many days from every reader at once; the sweep later deletes their rows.
 * `retainedSql('m')` is true for a row `m` of the messages view (group_id, sent_at) still kept.
 */
export const retainedSql = (alias: string): string =>
  `NOT EXISTS (SELECT 1 FROM groups rg WHERE rg.group_id = ${alias}.group_id AND rg.retention_days IS NOT NULL
                 AND ${alias}.sent_at < now() - rg.retention_days * interval '1 day')`;

/** The oldest kept sent time, in epoch milliseconds, of a group that keeps `days` days. */
export const retentionCutoff = (days: number, now = Date.now()): number => now - days * 86_400_000;
