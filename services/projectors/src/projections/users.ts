import { defineProjection, ms, withRows } from '../framework';

/** Profiles by user id; the read model behind profile pages and command-api's user checks. */
export const users = defineProjection({
  name: 'users',
  version: 1,
  storage: 'postgres',
  topics: ['users'],
  tables: ['users'],
  async setup({ client, table }) {
    await client.query(`CREATE TABLE ${table('users')} (
      user_id text PRIMARY KEY,
      username text NOT NULL UNIQUE,
      email text NOT NULL,
      display_name text NOT NULL,
      bio text,
      interests text[] NOT NULL DEFAULT '{}',
      avatar_media_id text,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL)`);
    await client.query(`CREATE INDEX ON ${table('users')} (lower(username))`);
    await client.query(`CREATE INDEX ON ${table('users')} (lower(email))`);
  },
  batchHandlers: {
    UserRegistered: (envelopes, ctx) =>
      withRows(
        ctx,
        `INSERT INTO ${ctx.table('users')} (user_id, username, email, display_name, interests, created_at, updated_at)
         SELECT user_id, username, email, display_name, interests, ${ms('at')}, ${ms('at')}
           FROM json_to_recordset($1::json) AS x(user_id text, username text, email text, display_name text, interests text[], at bigint)
         ON CONFLICT DO NOTHING`,
        envelopes.map(({ event: e }) => ({
          user_id: e.userId,
          username: e.username,
          email: e.email,
          display_name: e.displayName,
          interests: e.interests,
          at: e.occurredAt,
        })),
      ),
    // Absent (null) fields are unchanged.
    UserProfileUpdated: (envelopes, ctx) =>
      withRows(
        ctx,
        `UPDATE ${ctx.table('users')} u
            SET display_name = coalesce(x.display_name, u.display_name), bio = coalesce(x.bio, u.bio),
                interests = coalesce(x.interests, u.interests), avatar_media_id = coalesce(x.avatar_media_id, u.avatar_media_id),
                updated_at = ${ms('x.at')}
           FROM json_to_recordset($1::json) AS x(user_id text, display_name text, bio text, interests text[], avatar_media_id text, at bigint)
          WHERE u.user_id = x.user_id`,
        envelopes.map(({ event: e }) => ({
          user_id: e.userId,
          display_name: e.displayName,
          bio: e.bio,
          interests: e.interests,
          avatar_media_id: e.avatarMediaId,
          at: e.occurredAt,
        })),
      ),
  },
});
