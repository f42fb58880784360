import type { EventOf } from '@groupchat/schemas';
import { defineProjection, ms, withRows } from '../framework';

/**
 * A group's invite links and how often each was used (docs/moderation.md). A use is a
 * MemberJoined that names the link's code; a link's events share its code as key, so a use
 * counts after the link exists and revoking it keeps the count.
 */
export const inviteLinks = defineProjection({
  name: 'invite-links',
  version: 1,
  storage: 'postgres',
  topics: ['groups'],
  tables: ['invite_links'],
  async setup({ client, table }) {
    await client.query(`CREATE TABLE ${table('invite_links')} (
      code text PRIMARY KEY, group_id text NOT NULL, created_by text NOT NULL, created_at timestamptz NOT NULL,
      expires_at timestamptz, max_uses int, uses int NOT NULL DEFAULT 0, revoked boolean NOT NULL DEFAULT false,
      revoked_by text, revoked_at timestamptz)`);
    await client.query(`CREATE INDEX ON ${table('invite_links')} (group_id, created_at DESC)`);
  },
  keys: ({ event }) => {
    if (event.type === 'MemberJoined') {
      const code = (event as EventOf<'MemberJoined'>).inviteCode;
      return code ? [code] : undefined;
    }
    return [(event as EventOf<'InviteLinkCreated'>).code];
  },
  batchHandlers: {
    InviteLinkCreated: (envelopes, ctx) =>
      withRows(
        ctx,
        `INSERT INTO ${ctx.table('invite_links')} (code, group_id, created_by, created_at, expires_at, max_uses)
         SELECT code, group_id, created_by, ${ms('at')}, ${ms('expires_at')}, max_uses
           FROM json_to_recordset($1::json) AS x(code text, group_id text, created_by text, at bigint, expires_at bigint, max_uses int)
         ON CONFLICT (code) DO NOTHING`,
        envelopes.map(({ event: e }) => ({
          code: e.code,
          group_id: e.groupId,
          created_by: e.createdBy,
          at: e.occurredAt,
          expires_at: e.expiresAt,
          max_uses: e.maxUses,
        })),
      ),
    InviteLinkRevoked: (envelopes, ctx) =>
      withRows(
        ctx,
        `UPDATE ${ctx.table('invite_links')} l SET revoked = true, revoked_by = x.revoked_by, revoked_at = ${ms('x.at')}
           FROM json_to_recordset($1::json) AS x(code text, group_id text, revoked_by text, at bigint)
          WHERE l.code = x.code AND l.group_id = x.group_id AND NOT l.revoked`,
        envelopes.map(({ event: e }) => ({ code: e.code, group_id: e.groupId, revoked_by: e.revokedBy, at: e.occurredAt })),
      ),
    MemberJoined: (envelopes, ctx) =>
      withRows(
        ctx,
        `UPDATE ${ctx.table('invite_links')} l SET uses = l.uses + 1
           FROM json_to_recordset($1::json) AS x(code text, group_id text)
          WHERE l.code = x.code AND l.group_id = x.group_id`,
        envelopes.filter(({ event: e }) => e.inviteCode).map(({ event: e }) => ({ code: e.inviteCode, group_id: e.groupId })),
      ),
  },
});
