import type { Pool } from '@groupchat/shared';
import type { MediaStore } from '../media/store';
import { safeName, type ZipWriter } from './zip-writer';

const PAGE = 500;

/** What the export writes, and how far it got: `done` of `total` steps (a message or an upload each, plus the small files). */
export interface Progress {
  total: number;
  done: number;
}

interface Conversation {
  group_id: string;
  name: string | null;
  kind: string | null;
  messages: number;
}

interface Upload {
  media_id: string;
  kind: string;
  content_type: string;
  size: string;
  file_name: string | null;
  storage_key: string;
  created_at: Date;
}

const README = (username: string, at: Date) => `Your GroupChat data, as of ${at.toISOString()}, for @${username}.

profile.json        your account and profile
memberships.json    the groups you are in, with your role and when you joined
messages/           one file per conversation: every message you sent there that is not deleted,
                    oldest first (text, attachments, replies, threads, edits)
reactions.json      the reactions you gave
uploads.json        the files you uploaded, and where each is in uploads/
uploads/            the files themselves
`;

/**
 * Writes everything of one user into the zip (docs/privacy.md, "Your data"): read from the
 * read models and the media store in pages, so no query or file is ever held whole, and
 * `tick` runs after every step so the caller can record progress or stop.
 */
export async function writeExport(pool: Pool, store: MediaStore, userId: string, zip: ZipWriter, tick: (p: Progress) => Promise<void>): Promise<Progress> {
  const [profile, conversations, uploads] = await Promise.all([
    pool.query(
      `SELECT c.user_id AS "userId", c.username, c.email, u.display_name AS "displayName", u.bio, u.interests, u.avatar_media_id AS "avatarMediaId",
              coalesce(u.created_at, c.registered_at) AS "registeredAt"
         FROM credentials c LEFT JOIN users u ON u.user_id = c.user_id WHERE c.user_id = $1`,
      [userId],
    ),
    pool.query<Conversation>(
      `SELECT m.group_id, g.name, g.kind, count(*)::int AS messages FROM messages m LEFT JOIN groups g ON g.group_id = m.group_id
        WHERE m.sender_id = $1 AND NOT m.deleted GROUP BY m.group_id, g.name, g.kind ORDER BY m.group_id`,
      [userId],
    ),
    pool.query<Upload>(
      `SELECT media_id, kind, content_type, size, file_name, storage_key, created_at FROM media m
        WHERE owner_id = $1 AND NOT EXISTS (SELECT 1 FROM media p WHERE p.thumbnail_media_id = m.media_id) ORDER BY created_at`,
      [userId],
    ),
  ]);
  const me = profile.rows[0];
  if (!me) throw new Error('no such account');
  const progress: Progress = { total: 4 + conversations.rows.reduce((n, c) => n + c.messages, 0) + uploads.rows.length, done: 0 };
  const step = async (n = 1) => {
    progress.done = Math.min(progress.total, progress.done + n);
    await tick(progress);
  };

  await zip.entry('README.txt', [README(me.username, new Date())]);
  await zip.entry('profile.json', [JSON.stringify(me, null, 2)]);
  await step();
  const memberships = await pool.query(
    `SELECT ms.group_id AS "groupId", g.name, g.kind, ms.role, ms.joined_at AS "joinedAt" FROM memberships ms LEFT JOIN groups g ON g.group_id = ms.group_id
      WHERE ms.user_id = $1 ORDER BY ms.joined_at`,
    [userId],
  );
  await zip.entry('memberships.json', [JSON.stringify(memberships.rows, null, 2)]);
  await step();

  for (const c of conversations.rows) {
    const name = `messages/${safeName(c.kind === 'direct' ? 'direct' : (c.name ?? 'group'))}-${c.group_id.slice(0, 8)}.json`;
    await zip.entry(name, messagesOf(pool, c, userId, step));
  }

  const reactions = await pool.query(
    `SELECT message_id AS "messageId", group_id AS "groupId", emoji, reacted_at AS "reactedAt" FROM reactions WHERE user_id = $1 ORDER BY reacted_at`,
    [userId],
  );
  await zip.entry('reactions.json', [JSON.stringify(reactions.rows, null, 2)]);
  await step();

  const listed = [];
  for (const u of uploads.rows) {
    const path = `uploads/${u.media_id}-${safeName(u.file_name ?? u.kind)}`;
    const body = await store.get(u.storage_key).catch(() => null);
    if (body) await zip.entry(path, body as AsyncIterable<Uint8Array>, { compress: false });
    listed.push({
      mediaId: u.media_id,
      kind: u.kind,
      contentType: u.content_type,
      size: Number(u.size),
      fileName: u.file_name,
      uploadedAt: u.created_at,
      path: body ? path : null,
    });
    await step();
  }
  await zip.entry('uploads.json', [JSON.stringify(listed, null, 2)]);
  await step();
  return progress;
}

/** One conversation's messages by the user as a JSON document, a page at a time. */
async function* messagesOf(pool: Pool, c: Conversation, userId: string, step: (n: number) => Promise<void>): AsyncGenerator<string> {
  yield `{"groupId":${JSON.stringify(c.group_id)},"name":${JSON.stringify(c.name)},"kind":${JSON.stringify(c.kind)},"messages":[\n`;
  let after = -1;
  let first = true;
  for (;;) {
    const { rows } = await pool.query<{ offset: string; [k: string]: unknown }>(
      `SELECT "offset", message_id AS "messageId", text, attachments, sent_at AS "sentAt", edited_at AS "editedAt", reply_to AS "replyTo",
              thread_id AS "threadId", mentions
         FROM messages WHERE group_id = $1 AND sender_id = $2 AND NOT deleted AND "offset" > $3 ORDER BY "offset" LIMIT ${PAGE}`,
      [c.group_id, userId, after],
    );
    if (!rows.length) break;
    yield (first ? '' : ',\n') + rows.map(({ offset: _o, ...m }) => JSON.stringify(m)).join(',\n');
    first = false;
    after = Number(rows.at(-1)!.offset);
    await step(rows.length);
    if (rows.length < PAGE) break;
  }
  yield '\n]}\n';
}
