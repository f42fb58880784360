/**
 * Retention (docs/privacy.md): a group's `retention_days` (null: forever) hides its messages
 * older than that many days from every reader at once; the sweep later deletes their rows.
 * `retainedSql('m')` is true for a row `m` of the messages view (group_id, sent_at) still kept.
 */
export const retainedSql = (alias: string): string =>
  `NOT EXISTS (SELECT 1 FROM groups rg WHERE rg.group_id = ${alias}.group_id AND ${retentionDaysSql('rg')} IS NOT NULL
                 AND ${alias}.sent_at < now() - ${retentionDaysSql('rg')} * interval '1 day')`;

/**
 * A groups-view row's `retention_days`, or null where the view has no such column: after an
 * upgrade, the live groups build is the one before v5 until v5 has caught up and takes over,
 * and reads must go on meanwhile (no read downtime during a rebuild). Read through the row's
 * JSON, so the same SQL runs over either view.
 */
export const retentionDaysSql = (alias: string): string => `(to_jsonb(${alias}) ->> 'retention_days')::int`;

/** The oldest kept sent time, in epoch milliseconds, of a group that keeps `days` days. */
export const retentionCutoff = (days: number, now = Date.now()): number => now - days * 86_400_000;
