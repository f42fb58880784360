// Authorization matrix: every route of the OpenAPI document (and the WebSocket subscribe) ×
// {anonymous, other user, non-member, member, moderator, admin, owner}, in a public and a
// private group, against the whole app. One table; one test runs every cell and reports every
// cell that answered otherwise, a second fails when a documented route has no row.
//
// Who is who, per group:
//   anonymous   no Authorization header (WebSocket: no auth frame)
//   other       signed in, never had anything to do with the group or the resource
//   nonMember   signed in, was a member and left (stale access must be gone)
//   member … owner  members with that role; `member` wrote the message and uploaded the media
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createECDH, randomBytes } from 'node:crypto';
import { NO_ABUSE_LIMITS, startTestApp, type TestApp } from '@groupchat/test-kit/app';
import { waitUntil } from '@groupchat/test-kit';
import { apiOf, registerUser, uniqueName, type Answer, type Api, type TestUser } from '../../services/command-api/test/support/client';
import { png } from '../../services/command-api/test/media-fixtures';
import { TestClient } from '../../services/realtime/test/support/client';

const ROLES = ['anonymous', 'other', 'nonMember', 'member', 'moderator', 'admin', 'owner'] as const;
type Who = (typeof ROLES)[number];
type Vis = 'public' | 'private';
type GroupRole = 'owner' | 'admin' | 'moderator' | 'member';
type Outcome = number | string;
/** One expected outcome per role, in the order of ROLES. */
type Row7 = [Outcome, Outcome, Outcome, Outcome, Outcome, Outcome, Outcome];

interface Scene {
  vis: Vis;
  groupId: string;
  groupName: string;
  messageId: string;
  /** Where the scene's message landed: a read marker to move to. */
  messagePosition: string;
  mediaId: string;
  word: string;
}
interface Cell {
  who: Who;
  vis: Vis;
  scene: Scene;
  /** The caller; undefined for anonymous. */
  actor?: TestUser;
}
interface Req {
  method: string;
  path: string;
  body?: unknown;
  file?: Buffer;
  headers?: Record<string, string>;
}
interface Row {
  op: string;
  request: (c: Cell) => Req | Promise<Req>;
  /** Same answer whatever the group's visibility (routes not about a group). */
  any?: Row7;
  public?: Row7;
  private?: Row7;
  /** Cells expected to succeed change the group: they run on a fresh group of their own. */
  fresh?: boolean;
  /** Message cells expected to succeed get a fresh message of their own. */
  freshMessage?: boolean;
  /** What the cell's answer counts as, when not its status (a batch answers each item on its own). */
  outcomeOf?: (answer: Answer) => Outcome;
  /** For listings: whether the caller's answer contains the scene's item. */
  sees?: { public?: boolean[]; private?: boolean[]; any?: boolean[]; in: (body: any, scene: Scene) => boolean };
}

const WS = 'WS subscribe';
const PASSWORD = 'correct horse battery';
const GROUP_ROLES: GroupRole[] = ['member', 'moderator', 'admin', 'owner'];

let app: TestApp;
let api: Api;
const users = {} as Record<Exclude<Who, 'anonymous'> | 'target', TestUser>;
const spares: TestUser[] = [];
const scenes = {} as Record<Vis, Scene>;

const gid = (c: Cell) => c.scene.groupId;
const msg = (c: Cell) => `/groups/${gid(c)}/messages/${c.scene.messageId}`;
const pushKeys = (() => {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return { p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') };
})();

/** A link the owner creates to the cell's group, and the path of the request about it (waiting for the link to be read). */
async function inviteLink(c: Cell, path: (code: string) => string): Promise<Pick<Req, 'path' | 'headers'>> {
  const link = await api.post(`/groups/${gid(c)}/invite-links`, {}, { token: users.owner.token });
  expect(link.status, JSON.stringify(link.body)).toBe(201);
  return { path: path(link.body.code), headers: { 'x-min-position': link.body.position } };
}

const TABLE: Row[] = [
  // accounts: the token is irrelevant to them
  {
    op: 'POST /auth/register',
    any: [201, 201, 201, 201, 201, 201, 201],
    request: () => {
      const username = uniqueName('reg');
      return { method: 'POST', path: '/auth/register', body: { username, email: `${username}@example.com`, password: PASSWORD } };
    },
  },
  {
    op: 'POST /auth/login',
    any: [200, 200, 200, 200, 200, 200, 200],
    request: () => ({ method: 'POST', path: '/auth/login', body: { login: users.member.username, password: PASSWORD } }),
  },
  {
    op: 'POST /auth/refresh',
    any: [200, 200, 200, 200, 200, 200, 200],
    request: async () => {
      const login = await api.post('/auth/login', { login: users.other.username, password: PASSWORD, refreshTokenIn: 'body' });
      return { method: 'POST', path: '/auth/refresh', body: { refreshToken: login.body.refreshToken } };
    },
  },
  {
    op: 'POST /auth/logout',
    any: [204, 204, 204, 204, 204, 204, 204],
    request: () => ({ method: 'POST', path: '/auth/logout', body: { refreshToken: 'never-issued' } }),
  },
  { op: 'POST /auth/logout-everywhere', any: [401, 204, 204, 204, 204, 204, 204], request: () => ({ method: 'POST', path: '/auth/logout-everywhere' }) },
  // a wrong current password, so the accounts keep theirs: only who may try is checked here
  {
    op: 'POST /me/password',
    any: [401, 403, 403, 403, 403, 403, 403],
    request: () => ({ method: 'POST', path: '/me/password', body: { currentPassword: 'not the password', newPassword: 'another long passphrase' } }),
  },
  // accounts mail: a bogus token or a wrong password, so the accounts keep their state
  { op: 'GET /me/account', any: [401, 200, 200, 200, 200, 200, 200], request: () => ({ method: 'GET', path: '/me/account' }) },
  { op: 'POST /me/email-verification', any: [401, 202, 202, 202, 202, 202, 202], request: () => ({ method: 'POST', path: '/me/email-verification' }) },
  {
    op: 'POST /me/email',
    any: [401, 403, 403, 403, 403, 403, 403],
    request: () => ({ method: 'POST', path: '/me/email', body: { email: `${uniqueName('moved')}@example.com`, password: 'not the password' } }),
  },
  {
    op: 'POST /auth/verify-email',
    any: [422, 422, 422, 422, 422, 422, 422],
    request: () => ({ method: 'POST', path: '/auth/verify-email', body: { token: 'never-issued' } }),
  },
  {
    op: 'POST /auth/password-reset',
    any: [202, 202, 202, 202, 202, 202, 202],
    request: () => ({ method: 'POST', path: '/auth/password-reset', body: { email: `${uniqueName('nobody')}@example.com` } }),
  },
  {
    op: 'POST /auth/password-reset/confirm',
    any: [422, 422, 422, 422, 422, 422, 422],
    request: () => ({ method: 'POST', path: '/auth/password-reset/confirm', body: { token: 'never-issued', password: 'another long passphrase' } }),
  },
  // the caller's own profile, other people's profiles, discovery, search, media
  { op: 'GET /me', any: [401, 200, 200, 200, 200, 200, 200], request: () => ({ method: 'GET', path: '/me' }) },
  { op: 'PATCH /me', any: [401, 200, 200, 200, 200, 200, 200], request: () => ({ method: 'PATCH', path: '/me', body: { bio: 'authz matrix' } }) },
  { op: 'GET /users', any: [401, 200, 200, 200, 200, 200, 200], request: () => ({ method: 'GET', path: `/users?q=${users.member.username}` }) },
  { op: 'GET /search/users', any: [401, 200, 200, 200, 200, 200, 200], request: () => ({ method: 'GET', path: `/search/users?q=${users.member.username}` }) },
  { op: 'GET /users/{id}', any: [401, 200, 200, 200, 200, 200, 200], request: () => ({ method: 'GET', path: `/users/${users.member.userId}` }) },
  {
    op: 'POST /groups',
    any: [401, 201, 201, 201, 201, 201, 201],
    request: () => ({ method: 'POST', path: '/groups', body: { name: 'Matrix made', visibility: 'public' } }),
  },
  { op: 'GET /groups/recommended', any: [401, 200, 200, 200, 200, 200, 200], request: () => ({ method: 'GET', path: '/groups/recommended' }) },
  // direct conversations with the scene's member: only those sharing a group with them may open one without a request; with oneself alone it is no conversation
  {
    op: 'POST /dms',
    any: [401, 403, 403, 422, 200, 200, 200],
    request: () => ({ method: 'POST', path: '/dms', body: { userIds: [users.member.userId] } }),
  },
  {
    op: 'GET /dms',
    any: [401, 200, 200, 200, 200, 200, 200],
    sees: { any: [false, false, false, false, true, true, true], in: (b) => b.items.some((d: any) => d.others.some((o: any) => o.id === users.member.userId)) },
    // Opening it again answers the conversation's position, so the listing is read at it.
    request: async (c) => {
      const opened = c.actor && (await api.post('/dms', { userIds: [users.member.userId] }, { token: c.actor.token }));
      return { method: 'GET', path: '/dms', headers: opened?.status === 200 ? { 'x-min-position': opened.body.position } : undefined };
    },
  },
  {
    op: 'GET /groups',
    public: [401, 200, 200, 200, 200, 200, 200],
    private: [401, 200, 200, 200, 200, 200, 200],
    sees: {
      public: [false, true, true, true, true, true, true],
      private: [false, false, false, true, true, true, true],
      in: (b, s) => b.items.some((g: any) => g.id === s.groupId),
    },
    request: (c) => ({ method: 'GET', path: `/groups?q=${encodeURIComponent(c.scene.groupName)}` }),
  },
  {
    op: 'GET /search/groups',
    public: [401, 200, 200, 200, 200, 200, 200],
    private: [401, 200, 200, 200, 200, 200, 200],
    sees: {
      public: [false, true, true, true, true, true, true],
      private: [false, false, false, true, true, true, true],
      in: (b, s) => b.items.some((g: any) => g.id === s.groupId),
    },
    request: (c) => ({ method: 'GET', path: `/search/groups?q=${encodeURIComponent(c.scene.groupName)}` }),
  },
  {
    op: 'GET /search/messages',
    public: [401, 200, 200, 200, 200, 200, 200],
    private: [401, 200, 200, 200, 200, 200, 200],
    sees: { any: [false, false, false, true, true, true, true], in: (b, s) => b.items.some((m: any) => m.id === s.messageId) },
    request: (c) => ({ method: 'GET', path: `/search/messages?q=${c.scene.word}&groupId=${gid(c)}` }),
  },
  { op: 'POST /media', any: [401, 201, 201, 201, 201, 201, 201], request: async () => ({ method: 'POST', path: '/media', file: await png(16, 16) }) },
  {
    op: 'GET /media/{id}',
    public: [401, 200, 200, 200, 200, 200, 200],
    private: [401, 404, 404, 200, 200, 200, 200],
    request: (c) => ({ method: 'GET', path: `/media/${c.scene.mediaId}` }),
  },
  {
    op: 'GET /media/{id}/thumbnail',
    public: [401, 200, 200, 200, 200, 200, 200],
    private: [401, 404, 404, 200, 200, 200, 200],
    request: (c) => ({ method: 'GET', path: `/media/${c.scene.mediaId}/thumbnail` }),
  },
  {
    op: 'GET /media/{id}/links',
    public: [401, 200, 200, 200, 200, 200, 200],
    private: [401, 404, 404, 200, 200, 200, 200],
    request: (c) => ({ method: 'GET', path: `/media/${c.scene.mediaId}/links` }),
  },
  // Link previews are of public pages, for anyone signed in; loopback is refused here (422), so nothing is fetched.
  {
    op: 'GET /link-previews',
    any: [401, 422, 422, 422, 422, 422, 422],
    request: () => ({ method: 'GET', path: '/link-previews?url=http%3A%2F%2F127.0.0.1%2F' }),
  },
  {
    op: 'GET /link-previews/{id}/image',
    any: [401, 404, 404, 404, 404, 404, 404],
    request: () => ({ method: 'GET', path: '/link-previews/00000000-0000-4000-8000-000000000000/image' }),
  },
  // the group
  {
    op: 'GET /groups/{id}',
    public: [401, 200, 200, 200, 200, 200, 200],
    private: [401, 404, 404, 200, 200, 200, 200],
    request: (c) => ({ method: 'GET', path: `/groups/${gid(c)}` }),
  },
  {
    op: 'GET /groups/{id}/members',
    public: [401, 200, 200, 200, 200, 200, 200],
    private: [401, 404, 404, 200, 200, 200, 200],
    request: (c) => ({ method: 'GET', path: `/groups/${gid(c)}/members` }),
  },
  {
    op: 'PATCH /groups/{id}',
    public: [401, 403, 403, 403, 403, 200, 200],
    private: [401, 404, 404, 403, 403, 200, 200],
    request: (c) => ({ method: 'PATCH', path: `/groups/${gid(c)}`, body: { description: `edited by ${c.who}` } }),
  },
  {
    op: 'POST /groups/{id}/join',
    fresh: true,
    public: [401, 200, 200, 409, 409, 409, 409],
    private: [401, 404, 404, 409, 409, 409, 409],
    request: (c) => ({ method: 'POST', path: `/groups/${gid(c)}/join` }),
  },
  {
    op: 'POST /groups/{id}/invites',
    public: [401, 403, 403, 409, 409, 409, 409],
    private: [401, 404, 404, 403, 200, 200, 200],
    request: (c) => ({
      method: 'POST',
      path: `/groups/${gid(c)}/invites`,
      body: { userId: (c.vis === 'private' && ['moderator', 'admin', 'owner'].includes(c.who) ? spares.pop()! : spares[0]!).userId },
    }),
  },
  {
    op: 'POST /groups/{id}/leave',
    fresh: true,
    public: [401, 409, 409, 200, 200, 200, 409],
    private: [401, 404, 404, 200, 200, 200, 409],
    request: (c) => ({ method: 'POST', path: `/groups/${gid(c)}/leave` }),
  },
  {
    op: 'DELETE /groups/{id}/members/{userId}',
    fresh: true,
    public: [401, 403, 403, 403, 200, 200, 200],
    private: [401, 404, 404, 403, 200, 200, 200],
    request: (c) => ({ method: 'DELETE', path: `/groups/${gid(c)}/members/${users.target.userId}` }),
  },
  // bans and timeouts, like removals: moderators and up, of a lower role (docs/moderation.md)
  {
    op: 'POST /groups/{id}/bans',
    fresh: true,
    public: [401, 403, 403, 403, 200, 200, 200],
    private: [401, 404, 404, 403, 200, 200, 200],
    request: (c) => ({ method: 'POST', path: `/groups/${gid(c)}/bans`, body: { userId: users.target.userId, reason: 'matrix' } }),
  },
  {
    op: 'DELETE /groups/{id}/bans/{userId}',
    fresh: true,
    public: [401, 403, 403, 403, 200, 200, 200],
    private: [401, 404, 404, 403, 200, 200, 200],
    // On a fresh group (the cells that succeed) the owner bans the target first, so there is a ban to lift;
    // the shared groups are left alone: a refused caller is refused before the ban is looked for.
    request: async (c) => {
      if (gid(c) === scenes[c.vis].groupId) return { method: 'DELETE', path: `/groups/${gid(c)}/bans/${users.target.userId}` };
      const banned = await api.post(`/groups/${gid(c)}/bans`, { userId: users.target.userId }, { token: users.owner.token });
      expect(banned.status, JSON.stringify(banned.body)).toBe(200);
      return { method: 'DELETE', path: `/groups/${gid(c)}/bans/${users.target.userId}`, headers: { 'x-min-position': banned.body.position } };
    },
  },
  {
    op: 'GET /groups/{id}/bans',
    public: [401, 403, 403, 403, 200, 200, 200],
    private: [401, 404, 404, 403, 200, 200, 200],
    request: (c) => ({ method: 'GET', path: `/groups/${gid(c)}/bans` }),
  },
  {
    op: 'GET /groups/{id}/audit',
    public: [401, 403, 403, 403, 200, 200, 200],
    private: [401, 404, 404, 403, 200, 200, 200],
    request: (c) => ({ method: 'GET', path: `/groups/${gid(c)}/audit` }),
  },
  {
    op: 'DELETE /groups/{id}/invites/{userId}',
    fresh: true,
    public: [401, 403, 403, 403, 404, 404, 404],
    private: [401, 404, 404, 403, 200, 200, 200],
    // On a fresh private group (the cells that succeed) the owner invites a new user first, so there is an invite to revoke.
    request: async (c) => {
      if (c.vis === 'public' || gid(c) === scenes[c.vis].groupId) return { method: 'DELETE', path: `/groups/${gid(c)}/invites/${users.other.userId}` };
      const invitee = await registerUser(api, 'inv');
      const invited = await api.post(`/groups/${gid(c)}/invites`, { userId: invitee.userId }, { token: users.owner.token });
      expect(invited.status, JSON.stringify(invited.body)).toBe(200);
      return { method: 'DELETE', path: `/groups/${gid(c)}/invites/${invitee.userId}`, headers: { 'x-min-position': invited.body.position } };
    },
  },
  {
    op: 'GET /groups/{id}/invites',
    public: [401, 403, 403, 403, 200, 200, 200],
    private: [401, 404, 404, 403, 200, 200, 200],
    request: (c) => ({ method: 'GET', path: `/groups/${gid(c)}/invites` }),
  },
  // invite links (docs/moderation.md): moderators and up manage them; anyone signed in opens and uses one
  {
    op: 'POST /groups/{id}/invite-links',
    public: [401, 403, 403, 403, 201, 201, 201],
    private: [401, 404, 404, 403, 201, 201, 201],
    request: (c) => ({ method: 'POST', path: `/groups/${gid(c)}/invite-links`, body: { maxUses: 10 } }),
  },
  {
    op: 'GET /groups/{id}/invite-links',
    public: [401, 403, 403, 403, 200, 200, 200],
    private: [401, 404, 404, 403, 200, 200, 200],
    request: (c) => ({ method: 'GET', path: `/groups/${gid(c)}/invite-links` }),
  },
  {
    op: 'DELETE /groups/{id}/invite-links/{code}',
    public: [401, 403, 403, 403, 200, 200, 200],
    private: [401, 404, 404, 403, 200, 200, 200],
    request: async (c) => ({ method: 'DELETE', ...(await inviteLink(c, (code) => `/groups/${gid(c)}/invite-links/${code}`)) }),
  },
  {
    op: 'GET /invite-links/{code}',
    public: [401, 200, 200, 200, 200, 200, 200],
    private: [401, 200, 200, 200, 200, 200, 200],
    request: async (c) => ({ method: 'GET', ...(await inviteLink(c, (code) => `/invite-links/${code}`)) }),
  },
  {
    op: 'POST /invite-links/{code}/join',
    fresh: true,
    public: [401, 200, 200, 409, 409, 409, 409],
    private: [401, 200, 200, 409, 409, 409, 409],
    request: async (c) => ({ method: 'POST', ...(await inviteLink(c, (code) => `/invite-links/${code}/join`)) }),
  },
  {
    op: 'POST /groups/{id}/timeouts',
    fresh: true,
    public: [401, 403, 403, 403, 200, 200, 200],
    private: [401, 404, 404, 403, 200, 200, 200],
    request: (c) => ({
      method: 'POST',
      path: `/groups/${gid(c)}/timeouts`,
      body: { userId: users.target.userId, until: new Date(Date.now() + 3600_000).toISOString() },
    }),
  },
  // reports: any member files one; moderators and up work the queue (reports about moderators: admins and owners)
  {
    op: 'POST /reports',
    public: [401, 403, 403, 201, 201, 201, 201],
    private: [401, 404, 404, 201, 201, 201, 201],
    request: (c) => ({ method: 'POST', path: '/reports', body: { groupId: gid(c), userId: users.target.userId, reason: `matrix ${c.who}` } }),
  },
  {
    op: 'GET /groups/{id}/reports',
    public: [401, 403, 403, 403, 200, 200, 200],
    private: [401, 404, 404, 403, 200, 200, 200],
    request: (c) => ({ method: 'GET', path: `/groups/${gid(c)}/reports` }),
  },
  {
    op: 'POST /reports/{id}/resolve',
    fresh: true,
    public: [401, 403, 403, 403, 200, 200, 200],
    private: [401, 404, 404, 403, 200, 200, 200],
    // The owner's report about the target, filed here (or found, when an earlier cell filed it in a shared group).
    request: async (c) => {
      const owner = { token: users.owner.token };
      const filed = await api.post('/reports', { groupId: gid(c), userId: users.target.userId, reason: 'matrix' }, owner);
      const reportId =
        filed.status === 201
          ? filed.body.reportId
          : (await api.get(`/groups/${gid(c)}/reports`, owner)).body.items.find((r: any) => r.reporter.userId === users.owner.userId).reportId;
      const headers = filed.status === 201 ? { 'x-min-position': filed.body.position } : undefined;
      return { method: 'POST', path: `/reports/${reportId}/resolve`, body: { action: 'dismiss' }, headers };
    },
  },
  // blocking is the caller's own business (the block is lifted again by the next row)
  ...(['PUT', 'DELETE'] as const).map((method): Row => ({
    op: `${method} /me/blocks/{userId}`,
    any: [401, 200, 200, 200, 200, 200, 200],
    request: () => ({ method, path: `/me/blocks/${users.target.userId}` }),
  })),
  {
    op: 'GET /me/blocks',
    any: [401, 200, 200, 200, 200, 200, 200],
    request: () => ({ method: 'GET', path: '/me/blocks' }),
  },
  {
    op: 'PUT /groups/{id}/auto-moderation',
    fresh: true,
    public: [401, 403, 403, 403, 403, 200, 200],
    private: [401, 404, 404, 403, 403, 200, 200],
    request: (c) => ({
      method: 'PUT',
      path: `/groups/${gid(c)}/auto-moderation`,
      body: { patterns: ['matrixword'], action: 'flag', newMemberMinutes: 0, newMemberSlowModeSeconds: 0 },
    }),
  },
  {
    op: 'GET /groups/{id}/auto-moderation',
    public: [401, 403, 403, 403, 200, 200, 200],
    private: [401, 404, 404, 403, 200, 200, 200],
    request: (c) => ({ method: 'GET', path: `/groups/${gid(c)}/auto-moderation` }),
  },
  {
    op: 'GET /me/reports',
    any: [401, 200, 200, 200, 200, 200, 200],
    request: () => ({ method: 'GET', path: '/me/reports' }),
  },
  {
    op: 'PUT /groups/{id}/members/{userId}/role',
    fresh: true,
    public: [401, 403, 403, 403, 403, 200, 200],
    private: [401, 404, 404, 403, 403, 200, 200],
    request: (c) => ({ method: 'PUT', path: `/groups/${gid(c)}/members/${users.target.userId}/role`, body: { role: 'moderator' } }),
  },
  // messages
  {
    op: 'POST /groups/{id}/messages',
    public: [401, 403, 403, 202, 202, 202, 202],
    private: [401, 404, 404, 202, 202, 202, 202],
    request: (c) => ({ method: 'POST', path: `/groups/${gid(c)}/messages`, body: { clientMessageId: `m-${c.who}-${c.vis}`, text: `from ${c.who}` } }),
  },
  {
    op: 'POST /messages/batch',
    public: [401, 403, 403, 202, 202, 202, 202],
    private: [401, 404, 404, 202, 202, 202, 202],
    request: (c) => ({
      method: 'POST',
      path: '/messages/batch',
      body: { items: [{ groupId: gid(c), clientMessageId: `b-${c.who}-${c.vis}`, text: `batch from ${c.who}` }] },
    }),
    outcomeOf: (a) => (a.status === 200 ? (a.body.items[0].status ?? (a.body.items[0].messageId ? 202 : 'no answer')) : a.status),
  },
  {
    op: 'GET /groups/{id}/messages',
    public: [401, 200, 200, 200, 200, 200, 200],
    private: [401, 404, 404, 200, 200, 200, 200],
    request: (c) => ({ method: 'GET', path: `/groups/${gid(c)}/messages` }),
  },
  {
    op: 'PATCH /groups/{id}/messages/{messageId}',
    public: [401, 403, 403, 200, 403, 403, 403],
    private: [401, 404, 404, 200, 403, 403, 403],
    request: (c) => ({ method: 'PATCH', path: msg(c), body: { text: `${c.scene.word} edited by ${c.who}` } }),
  },
  {
    op: 'DELETE /groups/{id}/messages/{messageId}',
    freshMessage: true,
    public: [401, 403, 403, 200, 200, 200, 200],
    private: [401, 404, 404, 200, 200, 200, 200],
    request: (c) => ({ method: 'DELETE', path: msg(c) }),
  },
  // undoing a removal: moderators and up; a fresh message of the member's, removed by the owner, for the cells that succeed
  {
    op: 'POST /groups/{id}/messages/{messageId}/restore',
    freshMessage: true,
    public: [401, 403, 403, 403, 200, 200, 200],
    private: [401, 404, 404, 403, 200, 200, 200],
    request: async (c) => {
      if (c.scene.messageId === scenes[c.vis].messageId) return { method: 'POST', path: `${msg(c)}/restore` };
      const removed = await api.del(msg(c), undefined, { token: users.owner.token });
      expect(removed.status, JSON.stringify(removed.body)).toBe(200);
      return { method: 'POST', path: `${msg(c)}/restore`, headers: { 'x-min-position': removed.body.position } };
    },
  },
  {
    op: 'POST /groups/{id}/messages/{messageId}/reactions/{emoji}',
    public: [401, 403, 403, 200, 200, 200, 200],
    private: [401, 404, 404, 200, 200, 200, 200],
    request: (c) => ({ method: 'POST', path: `${msg(c)}/reactions/${encodeURIComponent('👍')}` }),
  },
  {
    op: 'DELETE /groups/{id}/messages/{messageId}/reactions/{emoji}',
    public: [401, 403, 403, 200, 200, 200, 200],
    private: [401, 404, 404, 200, 200, 200, 200],
    request: (c) => ({ method: 'DELETE', path: `${msg(c)}/reactions/${encodeURIComponent('👍')}` }),
  },
  {
    op: 'DELETE /groups/{id}/messages/{messageId}/link-preview',
    public: [401, 403, 403, 200, 403, 403, 403],
    private: [401, 404, 404, 200, 403, 403, 403],
    request: (c) => ({ method: 'DELETE', path: `${msg(c)}/link-preview` }),
  },
  // replies, threads and pins
  {
    op: 'GET /groups/{id}/threads/{messageId}/messages',
    public: [401, 200, 200, 200, 200, 200, 200],
    private: [401, 404, 404, 200, 200, 200, 200],
    request: (c) => ({ method: 'GET', path: `/groups/${gid(c)}/threads/${c.scene.messageId}/messages` }),
  },
  ...(['PUT', 'DELETE'] as const).map((method): Row => ({
    op: `${method} /groups/{id}/threads/{messageId}/follow`,
    public: [401, 403, 403, 200, 200, 200, 200],
    private: [401, 404, 404, 200, 200, 200, 200],
    request: (c) => ({ method, path: `/groups/${gid(c)}/threads/${c.scene.messageId}/follow` }),
  })),
  {
    op: 'PUT /me/read-markers/{groupId}',
    public: [401, 403, 403, 200, 200, 200, 200],
    private: [401, 404, 404, 200, 200, 200, 200],
    request: (c) => ({ method: 'PUT', path: `/me/read-markers/${gid(c)}`, body: { position: c.scene.messagePosition } }),
  },
  {
    op: 'GET /me/unread',
    any: [401, 200, 200, 200, 200, 200, 200],
    request: () => ({ method: 'GET', path: '/me/unread' }),
  },
  {
    op: 'GET /me/threads',
    any: [401, 200, 200, 200, 200, 200, 200],
    request: () => ({ method: 'GET', path: '/me/threads' }),
  },
  // notification settings of a conversation: its members only; the default and push subscriptions: anyone signed in
  {
    op: 'PUT /me/notification-settings/{groupId}',
    public: [401, 403, 403, 200, 200, 200, 200],
    private: [401, 404, 404, 200, 200, 200, 200],
    request: (c) => ({ method: 'PUT', path: `/me/notification-settings/${gid(c)}`, body: { level: 'mentions' } }),
  },
  {
    op: 'DELETE /me/notification-settings/{groupId}',
    public: [401, 403, 403, 200, 200, 200, 200],
    private: [401, 404, 404, 200, 200, 200, 200],
    request: (c) => ({ method: 'DELETE', path: `/me/notification-settings/${gid(c)}` }),
  },
  {
    op: 'GET /me/notification-settings',
    any: [401, 200, 200, 200, 200, 200, 200],
    request: () => ({ method: 'GET', path: '/me/notification-settings' }),
  },
  // data exports are the caller's own: asked for, followed, downloaded (the download row waits for the export to be ready)
  { op: 'POST /me/export', any: [401, 202, 202, 202, 202, 202, 202], request: () => ({ method: 'POST', path: '/me/export' }) },
  { op: 'GET /me/export', any: [401, 200, 200, 200, 200, 200, 200], request: () => ({ method: 'GET', path: '/me/export' }) },
  {
    op: 'GET /me/export/download',
    any: [401, 200, 200, 200, 200, 200, 200],
    request: async (c) => {
      if (c.actor)
        await waitUntil(async () => (await api.get('/me/export', { token: c.actor!.token })).body?.status === 'ready', {
          timeoutMs: 60_000,
          what: `the export of ${c.who} to be ready`,
        });
      return { method: 'GET', path: '/me/export/download' };
    },
  },
  {
    op: 'POST /me/push-subscriptions',
    any: [401, 201, 201, 201, 201, 201, 201],
    request: () => ({ method: 'POST', path: '/me/push-subscriptions', body: { endpoint: 'https://push.example.com/matrix', keys: pushKeys } }),
  },
  {
    op: 'DELETE /me/push-subscriptions',
    any: [401, 204, 204, 204, 204, 204, 204],
    request: () => ({ method: 'DELETE', path: '/me/push-subscriptions', body: { endpoint: 'https://push.example.com/matrix' } }),
  },
  {
    op: 'GET /me/push-subscriptions',
    any: [401, 200, 200, 200, 200, 200, 200],
    request: () => ({ method: 'GET', path: '/me/push-subscriptions' }),
  },
  ...(['PUT', 'DELETE'] as const).map((method): Row => ({
    op: `${method} /groups/{id}/pins/{messageId}`,
    public: [401, 403, 403, 403, 200, 200, 200],
    private: [401, 404, 404, 403, 200, 200, 200],
    request: (c) => ({ method, path: `/groups/${gid(c)}/pins/${c.scene.messageId}` }),
  })),
  {
    op: 'GET /groups/{id}/pins',
    public: [401, 200, 200, 200, 200, 200, 200],
    private: [401, 404, 404, 200, 200, 200, 200],
    request: (c) => ({ method: 'GET', path: `/groups/${gid(c)}/pins` }),
  },
  {
    op: 'DELETE /groups/{id}',
    fresh: true,
    public: [401, 403, 403, 403, 403, 403, 200],
    private: [401, 404, 404, 403, 403, 403, 200],
    request: (c) => ({ method: 'DELETE', path: `/groups/${gid(c)}` }),
  },
  // the realtime service
  {
    op: WS,
    public: ['closed 4001', 'forbidden', 'forbidden', 'subscribed', 'subscribed', 'subscribed', 'subscribed'],
    private: ['closed 4001', 'not_found', 'not_found', 'subscribed', 'subscribed', 'subscribed', 'subscribed'],
    request: (c) => ({ method: 'WS', path: gid(c) }),
  },
];

/** Creates a group of `vis` owned by users.owner with the given members (private: invited first); `left` join and leave again. */
async function buildGroup(vis: Vis, name: string, members: [TestUser, GroupRole][], left: TestUser[] = []): Promise<{ groupId: string; positions: string[] }> {
  const owner = users.owner;
  const created = await api.post('/groups', { name, description: 'authorization matrix', interests: ['authz'], visibility: vis }, { token: owner.token });
  if (created.status !== 201) throw new Error(`create group: ${created.status} ${JSON.stringify(created.body)}`);
  const groupId: string = created.body.groupId;
  const positions: string[] = [created.body.position];
  const ok = (what: string) => (res: Answer) => {
    if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
    positions.push(res.body.position);
    return res;
  };
  const joining = [...members.map(([u]) => u), ...left];
  if (vis === 'private')
    await Promise.all(
      joining.map((u) => api.post(`/groups/${groupId}/invites`, { userId: u.userId }, { token: owner.token }).then(ok(`invite ${u.username}`))),
    );
  await Promise.all(joining.map((u) => api.post(`/groups/${groupId}/join`, undefined, { token: u.token }).then(ok(`join ${u.username}`))));
  await Promise.all([
    ...members
      .filter(([, r]) => r !== 'member')
      .map(([u, role]) => api.put(`/groups/${groupId}/members/${u.userId}/role`, { role }, { token: owner.token }).then(ok(`role ${role}`))),
    ...left.map((u) => api.post(`/groups/${groupId}/leave`, undefined, { token: u.token }).then(ok(`leave ${u.username}`))),
  ]);
  return { groupId, positions };
}

/** A group of its own for a cell that changes it: the owner, the caller in its role, and the target member. */
async function freshGroup(c: Cell): Promise<Scene> {
  const members: [TestUser, GroupRole][] = [[users.target, 'member']];
  if ((GROUP_ROLES as string[]).includes(c.who) && c.who !== 'owner') members.push([c.actor!, c.who as GroupRole]);
  const { groupId } = await buildGroup(c.vis, `Fresh ${c.who}`, members, c.who === 'nonMember' ? [c.actor!] : []);
  return { ...c.scene, groupId };
}

async function freshMessage(c: Cell): Promise<Scene> {
  const sent = await api.post(
    `/groups/${gid(c)}/messages`,
    { clientMessageId: `fresh-${c.who}-${c.vis}-${uniqueName('m')}`, text: 'to be deleted' },
    { token: users.member.token },
  );
  if (sent.status !== 202) throw new Error(`fresh message: ${sent.status}`);
  return { ...c.scene, messageId: sent.body.messageId, messagePosition: sent.body.position };
}

async function perform(req: Req, actor?: TestUser): Promise<{ outcome: Outcome; answer?: Answer }> {
  if (req.method === 'WS') {
    const client = await TestClient.open(app.wsUrl);
    try {
      if (actor) {
        client.send({ type: 'auth', token: actor.token });
        await client.next((f) => f.type === 'ready');
      }
      client.send({ type: 'subscribe', groupId: req.path });
      const outcome = await client.until(
        () => {
          if (client.closed) return `closed ${client.closed.code}`;
          const f = client.frames.find((x) => x.type === 'subscribed' || x.type === 'error');
          return f && (f.type === 'error' ? String(f.code) : f.type);
        },
        15_000,
        'an answer to subscribe',
      );
      return { outcome };
    } finally {
      client.close();
    }
  }
  if (req.file) {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(req.file)], { type: 'image/png' }), 'matrix.png');
    const res = await fetch(`${app.url}/api/v1${req.path}`, {
      method: req.method,
      body: form,
      headers: actor ? { authorization: `Bearer ${actor.token}` } : {},
    });
    const text = await res.text();
    return { outcome: res.status, answer: { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined } };
  }
  const answer = await api.call(req.method, req.path, req.body, { token: actor?.token, headers: req.headers });
  return { outcome: answer.status, answer };
}

describe('authorization matrix', () => {
  beforeAll(async () => {
    // The table asks hundreds of cells at once, many reading their own writes: under a loaded CI box the read models
    // may lag longer than the production wait of 5 s, and a 503 read_model_behind says nothing about authorization.
    app = await startTestApp({ ...NO_ABUSE_LIMITS, MIN_POSITION_WAIT_MS: 30_000 });
    api = apiOf(app);
    const names = ['other', 'nonMember', 'member', 'moderator', 'admin', 'owner', 'target'] as const;
    const registered = await Promise.all([...names, 'spare', 'spare', 'spare', 'spare'].map((n) => registerUser(api, n.slice(0, 6).toLowerCase())));
    names.forEach((n, i) => (users[n] = registered[i]!));
    spares.push(...registered.slice(names.length));

    for (const vis of ['public', 'private'] as Vis[]) {
      const groupName = `Matrix ${vis} ${uniqueName('g')}`;
      const { groupId, positions } = await buildGroup(
        vis,
        groupName,
        [
          [users.member, 'member'],
          [users.moderator, 'moderator'],
          [users.admin, 'admin'],
          [users.target, 'member'],
        ],
        [users.nonMember],
      );
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(await png(48, 48))], { type: 'image/png' }), 'scene.png');
      const media = await fetch(`${app.url}/api/v1/media`, { method: 'POST', headers: { authorization: `Bearer ${users.member.token}` }, body: form }).then(
        (r) => r.json(),
      );
      const word = `zebra${uniqueName('w')}`;
      const sent = await api.post(
        `/groups/${groupId}/messages`,
        { clientMessageId: `scene-${vis}`, text: `${word} says hello`, attachments: [media.mediaId] },
        { token: users.member.token },
      );
      expect(sent.status).toBe(202);
      scenes[vis] = { vis, groupId, groupName, messageId: sent.body.messageId, messagePosition: sent.body.position, mediaId: media.mediaId, word };
      // Reads in the cells need no X-Min-Position: wait here until every read model has the scene.
      const minPositions = [...positions.slice(-6), sent.body.position].join(',');
      await waitUntil(
        async () =>
          (await api.call('GET', `/search/messages?q=${word}`, undefined, { token: users.owner.token, headers: { 'x-min-position': minPositions } })).body
            ?.items?.length === 1,
        { timeoutMs: 30_000, what: `the ${vis} scene to be searchable` },
      );
      await waitUntil(
        async () =>
          (await api.call('GET', `/search/groups?q=${encodeURIComponent(groupName)}`, undefined, { token: users.owner.token })).body?.items?.some(
            (g: { id: string }) => g.id === groupId,
          ),
        { timeoutMs: 30_000, what: `the ${vis} group to be discoverable` },
      );
    }
  });
  afterAll(async () => {
    await app?.close();
  });

  it('answers every route for every kind of caller as the table says', async () => {
    const mismatches: string[] = [];
    let cells = 0;
    for (const row of TABLE) {
      const visibilities: Vis[] = row.any ? ['public'] : ['public', 'private'];
      const runs = visibilities.flatMap((vis) =>
        ROLES.map(async (who, i) => {
          const expected = (row.any ?? row[vis])![i]!;
          const actor = who === 'anonymous' ? undefined : users[who];
          let cell: Cell = { who, vis, scene: scenes[vis], actor };
          const succeeds = typeof expected === 'number' && expected < 300;
          if (row.fresh && succeeds) cell = { ...cell, scene: await freshGroup(cell) };
          if (row.freshMessage && succeeds) cell = { ...cell, scene: await freshMessage(cell) };
          const performed = await perform(await row.request(cell), actor);
          const { answer } = performed;
          const outcome = row.outcomeOf && answer ? row.outcomeOf(answer) : performed.outcome;
          cells++;
          const where = `${row.op} [${row.any ? 'any' : vis}] as ${who}`;
          if (outcome !== expected)
            mismatches.push(
              `${where}: expected ${expected}, got ${outcome}${answer && typeof answer.body === 'object' ? ` ${JSON.stringify(answer.body).slice(0, 160)}` : ''}`,
            );
          else if (answer && answer.status >= 400 && !/application\/problem\+json/.test(answer.headers.get('content-type') ?? ''))
            mismatches.push(`${where}: ${answer.status} is not problem+json`);
          const sees = row.sees && (row.sees.any ?? row.sees[vis]);
          if (sees && answer && answer.status === 200 && row.sees!.in(answer.body, cell.scene) !== sees[i])
            mismatches.push(`${where}: ${sees[i] ? 'does not see' : 'sees'} the ${vis} item`);
        }),
      );
      await Promise.all(runs);
    }
    expect(mismatches).toEqual([]);
    expect(cells).toBeGreaterThanOrEqual(TABLE.length * ROLES.length);
  });

  it('left the shared groups as they were: every refused request changed nothing', async () => {
    for (const vis of ['public', 'private'] as Vis[]) {
      const s = scenes[vis];
      const members = await api.call('GET', `/groups/${s.groupId}/members`, undefined, { token: users.owner.token });
      expect(members.status).toBe(200);
      const roles = Object.fromEntries(members.body.items.map((m: { userId: string; role: string }) => [m.userId, m.role]));
      expect(roles).toEqual({
        [users.owner.userId]: 'owner',
        [users.admin.userId]: 'admin',
        [users.moderator.userId]: 'moderator',
        [users.member.userId]: 'member',
        [users.target.userId]: 'member',
      });
      const history = await api.call('GET', `/groups/${s.groupId}/messages`, undefined, { token: users.owner.token });
      const scene = history.body.items.find((m: { id: string }) => m.id === s.messageId);
      expect(scene).toMatchObject({ deleted: false, senderId: users.member.userId });
      expect(scene.text).toMatch(/edited by member$/);
    }
  });

  it('has a row for every route of the OpenAPI document, and no row for a route it lacks', async () => {
    const doc = (await (await fetch(`${app.url}/api/v1/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    const rows = TABLE.map((r) => r.op).filter((op) => op !== WS);
    expect(
      documented.filter((op) => !rows.includes(op)),
      'routes without a row',
    ).toEqual([]);
    expect(
      rows.filter((op) => !documented.includes(op)),
      'rows without a route',
    ).toEqual([]);
    expect(new Set(rows).size).toBe(rows.length);
  });
});
