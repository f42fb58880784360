import { GROUP_ACCESS_SQL } from '@groupchat/schemas/access';
import { readdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createRuntime, migrate, serve, signAccessToken, type Config, type Runtime } from '@groupchat/shared';
import { createMediaRoutes, type MediaRoutes } from '../src/media';
import { isolatedConfig } from '@groupchat/test-kit';

const COMMAND_API_MIGRATIONS = fileURLToPath(new URL('../migrations', import.meta.url));

export interface Part {
  name?: string;
  fileName?: string;
  /** Omitted: the part carries no Content-Type header at all. */
  contentType?: string;
  body: Buffer | AsyncIterable<Buffer>;
}

export interface MediaHarness {
  config: Config;
  rt: Runtime;
  media: MediaRoutes;
  url: string;
  tmpDir: string;
  token(userId: string): string;
  upload(token: string, part: Part): Promise<Response>;
  get(path: string, init?: { token?: string; headers?: Record<string, string> }): Promise<Response>;
  storedFiles(): Promise<string[]>;
  stagedFiles(): Promise<string[]>;
  mediaRows(): Promise<number>;
  /** A message carrying the media in a group, as the projectors would have written it. */
  postMessage(groupId: string, senderId: string, mediaIds: string[]): Promise<void>;
  createGroup(visibility: 'public' | 'private', members: string[]): Promise<string>;
  setAvatar(userId: string, mediaId: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * The media routes on their own server, on an isolated database. The read models they consult
 * (messages, groups, memberships, users) are created with the columns of docs/read-models.md,
 * since the projectors do not run here.
 */
export async function startMediaHarness(overrides: Partial<Config> = {}): Promise<MediaHarness> {
  const base = isolatedConfig();
  const tmpDir = resolve(`.data/test-media/${base.GROUPCHAT_NAMESPACE}staging`);
  const config = { ...base, MEDIA_DIR: resolve(base.MEDIA_DIR), MEDIA_TMP_DIR: tmpDir, ...overrides };
  const rt = await createRuntime(config, 'media-test');
  await migrate(rt.pool, 'command-api', COMMAND_API_MIGRATIONS);
  await createReadModels(rt);
  const media = await createMediaRoutes(rt);
  const served = await serve(rt, (app) => app.use('/api/v1', media.router));
  const url = `http://127.0.0.1:${served.port}`;

  return {
    config,
    rt,
    media,
    url,
    tmpDir,
    token: (userId) => signAccessToken(config, { sub: userId, username: `u${userId.slice(0, 8)}` }),
    async upload(token, part) {
      const { body, contentType } = multipart(part);
      return fetch(`${url}/api/v1/media`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
        body,
        duplex: 'half',
      } as unknown as RequestInit);
    },
    get: (path, init = {}) =>
      fetch(`${url}${path}`, { headers: { ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...(init.headers ?? {}) } }),
    storedFiles: () => listFiles(config.MEDIA_DIR),
    stagedFiles: () => listFiles(tmpDir),
    async mediaRows() {
      return Number((await rt.pool.query('SELECT count(*)::int AS n FROM media')).rows[0].n);
    },
    async postMessage(groupId, senderId, mediaIds) {
      const attachments = mediaIds.map((mediaId) => ({ mediaId, kind: 'image', contentType: 'image/jpeg', size: 1 }));
      await rt.pool.query(
        `INSERT INTO messages (message_id, group_id, sender_id, client_message_id, text, attachments, sent_at, deleted, partition, "offset")
         VALUES ($1, $2, $3, $4, NULL, $5, now(), false, 0, (SELECT coalesce(max("offset"), -1) + 1 FROM messages WHERE group_id = $2))`,
        [randomUUID(), groupId, senderId, randomUUID(), JSON.stringify(attachments)],
      );
      await rt.pool.query('UPDATE media SET attached_at = now() WHERE media_id = ANY($1)', [mediaIds]);
    },
    async createGroup(visibility, members) {
      const groupId = randomUUID();
      await rt.pool.query(`INSERT INTO groups (group_id, name, visibility, owner_id, member_count) VALUES ($1, 'g', $2, $3, $4)`, [
        groupId,
        visibility,
        members[0],
        members.length,
      ]);
      for (const userId of members) await rt.pool.query(`INSERT INTO memberships (group_id, user_id, role) VALUES ($1, $2, 'member')`, [groupId, userId]);
      return groupId;
    },
    async setAvatar(userId, mediaId) {
      await rt.pool.query(`INSERT INTO users (user_id, username, email, avatar_media_id) VALUES ($1, $1, $1 || '@example.test', $2)`, [userId, mediaId]);
      await rt.pool.query('UPDATE media SET attached_at = now() WHERE media_id = $1', [mediaId]);
    },
    async close() {
      await served.close();
      await media.close();
      await rt.close();
      await Promise.all([rm(config.MEDIA_DIR, { recursive: true, force: true }), rm(tmpDir, { recursive: true, force: true })]);
    },
  };
}

async function createReadModels(rt: Runtime): Promise<void> {
  await rt.pool.query(`
    CREATE TABLE IF NOT EXISTS users (user_id text PRIMARY KEY, username text UNIQUE, email text, display_name text, bio text, interests text[],
      avatar_media_id text, created_at timestamptz DEFAULT now(), updated_at timestamptz DEFAULT now());
    CREATE TABLE IF NOT EXISTS groups (group_id text PRIMARY KEY, name text, description text, interests text[], visibility text, owner_id text,
      slow_mode_seconds int, member_count int, created_at timestamptz DEFAULT now(), updated_at timestamptz DEFAULT now(),
      last_activity_at timestamptz, deleted boolean NOT NULL DEFAULT false, kind text NOT NULL DEFAULT 'group',
      broadcast_min_role text NOT NULL DEFAULT 'moderator');
    CREATE TABLE IF NOT EXISTS memberships (group_id text, user_id text, role text, joined_at timestamptz DEFAULT now(), PRIMARY KEY (group_id, user_id));
    CREATE TABLE IF NOT EXISTS messages (message_id text PRIMARY KEY, group_id text, sender_id text, client_message_id text, text text,
      attachments jsonb NOT NULL DEFAULT '[]', sent_at timestamptz, edited_at timestamptz, deleted boolean NOT NULL DEFAULT false,
      partition int, "offset" bigint, UNIQUE (group_id, "offset"), UNIQUE (group_id, sender_id, client_message_id));
    CREATE TABLE IF NOT EXISTS invites (group_id text, user_id text, invited_by text, invited_at timestamptz DEFAULT now(), PRIMARY KEY (group_id, user_id));
    CREATE TABLE IF NOT EXISTS bans (group_id text, user_id text, until timestamptz, PRIMARY KEY (group_id, user_id));`);
  // The access rule the groups projection publishes beside its views.
  await rt.pool.query(GROUP_ACCESS_SQL);
}

type MultipartBody = AsyncIterable<Uint8Array>;

function multipart(part: Part): { body: MultipartBody; contentType: string } {
  const boundary = `----media-test-${randomUUID()}`;
  const disposition = `form-data; name="${part.name ?? 'file'}"${part.fileName !== undefined ? `; filename="${part.fileName}"` : ''}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${part.contentType !== undefined ? `Content-Type: ${part.contentType}\r\n` : ''}\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  async function* body() {
    yield head;
    // An empty chunk would end a chunked request body early.
    if (Buffer.isBuffer(part.body)) {
      if (part.body.length) yield part.body;
    } else for await (const chunk of part.body) if (chunk.length) yield chunk;
    yield tail;
  }
  return { body: body(), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function listFiles(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}
