import type { EventOf } from '@groupchat/schemas';
import { GROUP_ACCESS_SQL } from '@groupchat/schemas/access';
import type { Envelope, PostgresContext } from '../framework';
import { defineProjection, ms, withRows } from '../framework';

const MEMBERSHIP_CHANGES = new Set(['MemberJoined', 'MemberLeft', 'MemberRemoved']);

/**
 * Groups with their member count, memberships with roles, pending invites, and the time of the
 * last message. The last message comes from another topic, with no order against the groups
 * topic, so it lives in its own table (a commutative max) joined by the view.
 */
export const groups = defineProjection({
  name: 'groups',
  // v2: kind (group or direct) and broadcast_min_role (who may mention @here and @everyone).
  // v3: bans and timeouts (docs/moderation.md), which the access rule reads.
  // v4: invites lapse (expires_at; the view shows only pending ones) and can be revoked.
  // v5: retention_days (docs/privacy.md): messages older than that leave the read models; null keeps them.
  version: 5,
  storage: 'postgres',
  topics: ['groups', 'messages'],
  tables: ['groups', 'group_activity', 'memberships', 'invites', 'bans', 'timeouts'],
  views: {
    groups: (
      t,
    ) => `SELECT g.group_id, g.name, g.description, g.interests, g.visibility, g.owner_id, g.slow_mode_seconds, g.member_count, g.kind, g.broadcast_min_role, g.retention_days,
                           g.created_at, g.updated_at, coalesce(a.last_activity_at, g.created_at) AS last_activity_at, g.deleted
                      FROM ${t('groups')} g LEFT JOIN ${t('group_activity')} a USING (group_id)`,
    memberships: (t) => `SELECT * FROM ${t('memberships')}`,
    invites: (t) => `SELECT * FROM ${t('invites')} WHERE expires_at IS NULL OR expires_at > now()`,
    bans: (t) => `SELECT * FROM ${t('bans')}`,
    timeouts: (t) => `SELECT * FROM ${t('timeouts')}`,
  },
  /** The access rule for query-api and media (schemas/src/access.ts). */
  functions: [GROUP_ACCESS_SQL],
  async setup({ client, table }) {
    await client.query(`CREATE TABLE ${table('groups')} (
      group_id text PRIMARY KEY,
      name text NOT NULL,
      description text NOT NULL,
      interests text[] NOT NULL DEFAULT '{}',
      visibility text NOT NULL,
      owner_id text NOT NULL,
      slow_mode_seconds int NOT NULL DEFAULT 0,
      kind text NOT NULL DEFAULT 'group',
      broadcast_min_role text NOT NULL DEFAULT 'moderator',
      retention_days int,
      member_count int NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      deleted boolean NOT NULL DEFAULT false)`);
    await client.query(`CREATE INDEX ON ${table('groups')} USING gin (interests)`);
    await client.query(`CREATE TABLE ${table('group_activity')} (group_id text PRIMARY KEY, last_activity_at timestamptz NOT NULL)`);
    await client.query(`CREATE TABLE ${table('memberships')} (
      group_id text NOT NULL, user_id text NOT NULL, role text NOT NULL, joined_at timestamptz NOT NULL, PRIMARY KEY (group_id, user_id))`);
    await client.query(`CREATE INDEX ON ${table('memberships')} (user_id)`);
    await client.query(`CREATE TABLE ${table('invites')} (
      group_id text NOT NULL, user_id text NOT NULL, invited_by text NOT NULL, invited_at timestamptz NOT NULL, expires_at timestamptz,
      PRIMARY KEY (group_id, user_id))`);
    await client.query(`CREATE INDEX ON ${table('invites')} (user_id)`);
    // A ban is over once `until` has passed (null: permanent); readers compare with now().
    await client.query(`CREATE TABLE ${table('bans')} (
      group_id text NOT NULL, user_id text NOT NULL, until timestamptz, reason text, banned_by text NOT NULL, banned_at timestamptz NOT NULL,
      PRIMARY KEY (group_id, user_id))`);
    await client.query(`CREATE TABLE ${table('timeouts')} (
      group_id text NOT NULL, user_id text NOT NULL, until timestamptz NOT NULL, reason text, timed_out_by text NOT NULL, timed_out_at timestamptz NOT NULL,
      PRIMARY KEY (group_id, user_id))`);
  },
  keys: ({ event: e }) => {
    switch (e.type) {
      case 'MessageSent':
        return undefined;
      case 'MemberJoined':
      case 'MemberLeft':
      case 'MemberRemoved':
      case 'MemberInvited':
      case 'InviteRevoked':
      case 'MemberBanned':
      case 'MemberUnbanned':
      case 'MemberTimedOut':
        return [`${e.groupId}/${e.userId}`];
      case 'MemberRoleChanged':
        return [e.groupId, `${e.groupId}/${e.userId}`];
      default:
        return [(e as { groupId: string }).groupId];
    }
  },
  batchHandlers: {
    GroupCreated: (envelopes, ctx) =>
      withRows(
        ctx,
        `INSERT INTO ${ctx.table('groups')} (group_id, name, description, interests, visibility, owner_id, slow_mode_seconds, kind, broadcast_min_role, created_at, updated_at)
         SELECT group_id, name, description, interests, visibility, owner_id, slow_mode_seconds, kind, broadcast_min_role, ${ms('at')}, ${ms('at')}
           FROM json_to_recordset($1::json)
             AS x(group_id text, name text, description text, interests text[], visibility text, owner_id text, slow_mode_seconds int, kind text, broadcast_min_role text, at bigint)
         ON CONFLICT DO NOTHING`,
        envelopes.map(({ event: e }) => ({
          group_id: e.groupId,
          name: e.name,
          description: e.description,
          interests: e.interests,
          visibility: e.visibility,
          owner_id: e.ownerId,
          slow_mode_seconds: e.slowModeSeconds,
          kind: e.kind,
          broadcast_min_role: e.broadcastMinRole,
          at: e.occurredAt,
        })),
      ),
    GroupUpdated: (envelopes, ctx) =>
      withRows(
        ctx,
        `UPDATE ${ctx.table('groups')} g
            SET name = coalesce(x.name, g.name), description = coalesce(x.description, g.description), interests = coalesce(x.interests, g.interests),
                visibility = coalesce(x.visibility, g.visibility), slow_mode_seconds = coalesce(x.slow_mode_seconds, g.slow_mode_seconds),
                broadcast_min_role = coalesce(x.broadcast_min_role, g.broadcast_min_role),
                retention_days = CASE WHEN x.retention_days IS NULL THEN g.retention_days ELSE nullif(x.retention_days, 0) END, updated_at = ${ms('x.at')}
           FROM json_to_recordset($1::json)
             AS x(group_id text, name text, description text, interests text[], visibility text, slow_mode_seconds int, broadcast_min_role text,
                  retention_days int, at bigint)
          WHERE g.group_id = x.group_id`,
        envelopes.map(({ event: e }) => ({
          group_id: e.groupId,
          name: e.name,
          description: e.description,
          interests: e.interests,
          visibility: e.visibility,
          slow_mode_seconds: e.slowModeSeconds,
          broadcast_min_role: e.broadcastMinRole,
          retention_days: e.retentionDays,
          at: e.occurredAt,
        })),
      ),
    GroupDeleted: (envelopes, ctx) =>
      withRows(
        ctx,
        `UPDATE ${ctx.table('groups')} g SET deleted = true, updated_at = ${ms('x.at')}
           FROM json_to_recordset($1::json) AS x(group_id text, at bigint) WHERE g.group_id = x.group_id`,
        envelopes.map(({ event: e }) => ({ group_id: e.groupId, at: e.occurredAt })),
      ),
    MemberJoined: (envelopes, ctx) =>
      withRows(
        ctx,
        `WITH x AS (SELECT * FROM json_to_recordset($1::json) AS x(group_id text, user_id text, role text, at bigint)),
              joined AS (INSERT INTO ${ctx.table('memberships')} (group_id, user_id, role, joined_at)
                         SELECT group_id, user_id, role, ${ms('at')} FROM x ON CONFLICT DO NOTHING)
         DELETE FROM ${ctx.table('invites')} i USING x WHERE i.group_id = x.group_id AND i.user_id = x.user_id`,
        envelopes.map(({ event: e }) => ({ group_id: e.groupId, user_id: e.userId, role: e.role, at: e.occurredAt })),
      ),
    MemberLeft: (envelopes, ctx) => removeMembers(envelopes, ctx),
    MemberRemoved: (envelopes, ctx) => removeMembers(envelopes, ctx),
    MemberInvited: (envelopes, ctx) =>
      withRows(
        ctx,
        `INSERT INTO ${ctx.table('invites')} (group_id, user_id, invited_by, invited_at, expires_at)
         SELECT group_id, user_id, invited_by, ${ms('at')}, ${ms('expires_at')}
           FROM json_to_recordset($1::json) AS x(group_id text, user_id text, invited_by text, at bigint, expires_at bigint)
         ON CONFLICT (group_id, user_id) DO UPDATE SET invited_by = EXCLUDED.invited_by, invited_at = EXCLUDED.invited_at, expires_at = EXCLUDED.expires_at`,
        envelopes.map(({ event: e }) => ({ group_id: e.groupId, user_id: e.userId, invited_by: e.invitedBy, at: e.occurredAt, expires_at: e.expiresAt })),
      ),
    InviteRevoked: (envelopes, ctx) =>
      withRows(
        ctx,
        `DELETE FROM ${ctx.table('invites')} i USING json_to_recordset($1::json) AS x(group_id text, user_id text)
          WHERE i.group_id = x.group_id AND i.user_id = x.user_id`,
        envelopes.map(({ event: e }) => ({ group_id: e.groupId, user_id: e.userId })),
      ),
    // A ban also declines a pending invite; the membership itself ended with the MemberRemoved before it.
    MemberBanned: (envelopes, ctx) =>
      withRows(
        ctx,
        `WITH x AS (SELECT * FROM json_to_recordset($1::json) AS x(group_id text, user_id text, until bigint, reason text, banned_by text, at bigint)),
              declined AS (DELETE FROM ${ctx.table('invites')} i USING x WHERE i.group_id = x.group_id AND i.user_id = x.user_id)
         INSERT INTO ${ctx.table('bans')} (group_id, user_id, until, reason, banned_by, banned_at)
         SELECT group_id, user_id, CASE WHEN until IS NULL THEN NULL ELSE ${ms('until')} END, reason, banned_by, ${ms('at')} FROM x
         ON CONFLICT (group_id, user_id) DO UPDATE SET until = EXCLUDED.until, reason = EXCLUDED.reason, banned_by = EXCLUDED.banned_by, banned_at = EXCLUDED.banned_at`,
        envelopes.map(({ event: e }) => ({
          group_id: e.groupId,
          user_id: e.userId,
          until: e.until,
          reason: e.reason,
          banned_by: e.bannedBy,
          at: e.occurredAt,
        })),
      ),
    MemberUnbanned: (envelopes, ctx) =>
      withRows(
        ctx,
        `DELETE FROM ${ctx.table('bans')} b USING json_to_recordset($1::json) AS x(group_id text, user_id text) WHERE b.group_id = x.group_id AND b.user_id = x.user_id`,
        envelopes.map(({ event: e }) => ({ group_id: e.groupId, user_id: e.userId })),
      ),
    MemberTimedOut: (envelopes, ctx) =>
      withRows(
        ctx,
        `INSERT INTO ${ctx.table('timeouts')} (group_id, user_id, until, reason, timed_out_by, timed_out_at)
         SELECT group_id, user_id, ${ms('until')}, reason, timed_out_by, ${ms('at')}
           FROM json_to_recordset($1::json) AS x(group_id text, user_id text, until bigint, reason text, timed_out_by text, at bigint)
         ON CONFLICT (group_id, user_id) DO UPDATE SET until = EXCLUDED.until, reason = EXCLUDED.reason, timed_out_by = EXCLUDED.timed_out_by, timed_out_at = EXCLUDED.timed_out_at`,
        envelopes.map(({ event: e }) => ({
          group_id: e.groupId,
          user_id: e.userId,
          until: e.until,
          reason: e.reason,
          timed_out_by: e.timedOutBy,
          at: e.occurredAt,
        })),
      ),
    // A new owner is also the group's owner_id (the previous owner gets their own role change).
    MemberRoleChanged: (envelopes, ctx) =>
      withRows(
        ctx,
        `WITH x AS (SELECT * FROM json_to_recordset($1::json) AS x(group_id text, user_id text, role text)),
              changed AS (UPDATE ${ctx.table('memberships')} m SET role = x.role FROM x WHERE m.group_id = x.group_id AND m.user_id = x.user_id)
         UPDATE ${ctx.table('groups')} g SET owner_id = x.user_id FROM x WHERE x.role = 'owner' AND g.group_id = x.group_id`,
        envelopes.map(({ event: e }) => ({ group_id: e.groupId, user_id: e.userId, role: e.role })),
      ),
    MessageSent: (envelopes, ctx) => {
      const latest = new Map<string, number>();
      for (const { event: e } of envelopes) latest.set(e.groupId, Math.max(latest.get(e.groupId) ?? 0, e.occurredAt));
      return withRows(
        ctx,
        `INSERT INTO ${ctx.table('group_activity')} (group_id, last_activity_at)
         SELECT group_id, ${ms('at')} FROM json_to_recordset($1::json) AS x(group_id text, at bigint)
         ON CONFLICT (group_id) DO UPDATE SET last_activity_at = GREATEST(${ctx.table('group_activity')}.last_activity_at, EXCLUDED.last_activity_at)`,
        [...latest].map(([group_id, at]) => ({ group_id, at })),
      );
    },
  },
  // Counting is exact whatever the log holds (a repeated join counts once).
  async afterBatch(envelopes, ctx) {
    const touched = [...new Set(envelopes.filter((e) => MEMBERSHIP_CHANGES.has(e.event.type)).map((e) => (e.event as { groupId: string }).groupId))];
    if (!touched.length) return;
    await ctx.client.query(
      `UPDATE ${ctx.table('groups')} g SET member_count = (SELECT count(*) FROM ${ctx.table('memberships')} m WHERE m.group_id = g.group_id)
        WHERE g.group_id = ANY($1::text[])`,
      [touched],
    );
  },
});

/** Leaving also ends a pending invite: an invitee who leaves has declined (docs/direct-messages.md). */
function removeMembers(envelopes: Envelope<EventOf<'MemberLeft'> | EventOf<'MemberRemoved'>>[], ctx: PostgresContext) {
  return withRows(
    ctx,
    `WITH x AS (SELECT * FROM json_to_recordset($1::json) AS x(group_id text, user_id text)),
          declined AS (DELETE FROM ${ctx.table('invites')} i USING x WHERE i.group_id = x.group_id AND i.user_id = x.user_id)
     DELETE FROM ${ctx.table('memberships')} m USING x WHERE m.group_id = x.group_id AND m.user_id = x.user_id`,
    envelopes.map(({ event: e }) => ({ group_id: e.groupId, user_id: e.userId })),
  );
}
