import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_ABUSE_LIMITS, startTestApp, type TestApp } from '@groupchat/test-kit/app';
import { apiOf, registerUser, uniqueName, type Api, type TestUser } from './support/client';
import { eventsIn } from './support/log';

const GROUP = '0b7c1c1e-0d2f-4f3e-9a8e-1c2d3e4f5a6b';
const MESSAGE = '1b7c1c1e-0d2f-4f3e-9a8e-1c2d3e4f5a6b';

describe('bad input through HTTP', () => {
  let app: TestApp;
  let api: Api;
  let user: TestUser;
  let before: number;

  const logSize = async () => (await Promise.all((['users', 'groups', 'messages'] as const).map((t) => eventsIn(app.config, t)))).flat().length;

  beforeAll(async () => {
    app = await startTestApp(NO_ABUSE_LIMITS);
    api = apiOf(app);
    user = await registerUser(api, 'valid');
    before = await logSize();
  });
  afterAll(async () => {
    await app?.close();
  });

  const token = () => user.token;
  const register = (over: object) => ({ username: uniqueName('v'), email: `${uniqueName('v')}@example.com`, password: 'correct horse battery', ...over });

  it.each([
    ['username too short', register({ username: 'ab' }), 'username'],
    ['username too long', register({ username: 'a'.repeat(33) }), 'username'],
    ['username with capitals', register({ username: 'Ada_X' }), 'username'],
    ['username with a space', register({ username: 'ada x' }), 'username'],
    ['email malformed', register({ email: 'ada at example' }), 'email'],
    ['password too short', register({ password: 'short' }), 'password'],
    ['display name with a control character', register({ displayName: 'Ada\u0000' }), 'displayName'],
    ['display name too long', register({ displayName: 'x'.repeat(65) }), 'displayName'],
    ['too many interests', register({ interests: Array.from({ length: 11 }, (_, i) => `i${i}`) }), 'interests'],
    ['an interest too long', register({ interests: ['x'.repeat(33)] }), 'interests.0'],
    ['interests not a list', register({ interests: 'music' }), 'interests'],
    ['username missing', { email: 'a@example.com', password: 'correct horse battery' }, 'username'],
  ])('register with %s → 422 naming the field', async (_what, body, field) => {
    const res = await api.post('/auth/register', body);
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 422, code: 'validation_failed' });
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it.each([
    ['name too short', { name: 'ab', visibility: 'public' }, 'name'],
    ['name too long', { name: 'n'.repeat(81), visibility: 'public' }, 'name'],
    ['name with a newline', { name: 'two\nlines', visibility: 'public' }, 'name'],
    ['description too long', { name: 'Valid', description: 'd'.repeat(2001), visibility: 'public' }, 'description'],
    ['description with an escape character', { name: 'Valid', description: 'a\u001b[31m', visibility: 'public' }, 'description'],
    ['unknown visibility', { name: 'Valid', visibility: 'secret' }, 'visibility'],
    ['too many interests', { name: 'Valid', visibility: 'public', interests: Array.from({ length: 11 }, (_, i) => `i${i}`) }, 'interests'],
  ])('create group with %s → 422', async (_what, body, field) => {
    const res = await api.post('/groups', body, { token: token() });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it.each([
    ['no clientMessageId', { text: 'hi' }, 'clientMessageId'],
    ['a clientMessageId too long', { clientMessageId: 'c'.repeat(65), text: 'hi' }, 'clientMessageId'],
    ['a clientMessageId with a slash', { clientMessageId: 'a/b', text: 'hi' }, 'clientMessageId'],
    ['text too long', { clientMessageId: 'c1', text: 't'.repeat(4001) }, 'text'],
    ['blank text and no attachments', { clientMessageId: 'c1', text: ' \n\t ' }, 'text'],
    ['a bell in the text', { clientMessageId: 'c1', text: 'ding\u0007' }, 'text'],
    ['eleven attachments', { clientMessageId: 'c1', attachments: Array.from({ length: 11 }, (_, i) => `m${i}`) }, 'attachments'],
    ['text that is a number', { clientMessageId: 'c1', text: 42 }, 'text'],
  ])('send message with %s → 422', async (_what, body, field) => {
    const res = await api.post(`/groups/${GROUP}/messages`, body, { token: token() });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('edits, profile updates, invites and roles are validated too', async () => {
    const t = { token: token() };
    expect((await api.patch(`/groups/${GROUP}/messages/${MESSAGE}`, { text: '' }, t)).status).toBe(422);
    expect((await api.patch('/me', { bio: 'b'.repeat(501) }, t)).body.errors[0].field).toBe('bio');
    expect((await api.patch(`/groups/${GROUP}`, { slowModeSeconds: 99999 }, t)).body.errors[0].field).toBe('slowModeSeconds');
    expect((await api.post(`/groups/${GROUP}/invites`, { userId: '' }, t)).body.errors[0].field).toBe('userId');
    expect((await api.put(`/groups/${GROUP}/members/${user.userId}/role`, { role: 'king' }, t)).body.errors[0].field).toBe('role');
  });

  it.each(['👍👍', 'ab', ':NotLower:', '%00'])('a reaction %j → 422', async (emoji) => {
    const res = await api.post(`/groups/${GROUP}/messages/${MESSAGE}/reactions/${encodeURIComponent(emoji)}`, undefined, { token: token() });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].field).toBe('emoji');
  });

  it('malformed JSON → 400', async () => {
    const res = await api.post('/auth/register', undefined, { raw: '{"username": "ada",', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'malformed_json' });
  });

  it('a body over 1 MB → 413', async () => {
    const res = await api.post(`/groups/${GROUP}/messages`, { clientMessageId: 'big', text: 'x'.repeat(1_100_000) }, { token: token() });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
  });

  it('a body that is not JSON → 415', async () => {
    const res = await api.post('/auth/login', undefined, { raw: 'login=ada&password=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.status).toBe(415);
  });

  it('a JSON body that is not an object → 400 or 422, never 5xx', async () => {
    for (const raw of ['[]', '"text"', '42', 'null', '{"username": {"$ne": 1}}']) {
      const res = await api.post('/auth/register', undefined, { raw, headers: { 'content-type': 'application/json' } });
      expect([400, 422], raw).toContain(res.status);
    }
  });

  it('a malformed X-Min-Position → 400', async () => {
    const res = await api.post('/groups', { name: 'Valid', visibility: 'public' }, { token: token(), headers: { 'x-min-position': 'not-a-position' } });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'invalid_position' });
  });

  it('ids that cannot exist in paths → 404', async () => {
    const res = await api.post(`/groups/${'x'.repeat(100)}/join`, undefined, { token: token() });
    expect(res.status).toBe(404);
  });

  it('no bad input above appended anything', async () => {
    expect(await logSize()).toBe(before);
  });

  it('every command answers the documented generic errors: 401 without a token, 400 malformed JSON, 415 non-JSON, 413 over 1 MB, 422 empty body', async () => {
    const doc = (await api.call('GET', '/openapi.json')).body;
    let checked = 0;
    for (const [template, ops] of Object.entries<Record<string, { security?: unknown; requestBody?: unknown; responses: Record<string, unknown> }>>(
      doc.paths,
    )) {
      for (const [method, op] of Object.entries(ops)) {
        if (method === 'get' || template.startsWith('/media')) continue;
        const path = template
          .replace('{emoji}', encodeURIComponent('👍'))
          .replace('{id}', GROUP)
          .replace('{groupId}', GROUP)
          .replace('{messageId}', MESSAGE)
          .replace('{userId}', user.userId);
        const label = `${method} ${template}`;
        const withToken = op.security ? { token: token() } : {};
        if (op.security) {
          expect((await api.call(method.toUpperCase(), path, op.requestBody ? {} : undefined)).status, label).toBe(401);
          expect(op.responses['401'], label).toBeDefined();
        }
        if (op.requestBody) {
          const json = { ...withToken, headers: { 'content-type': 'application/json' } };
          expect((await api.call(method.toUpperCase(), path, undefined, { ...json, raw: '{"a":' })).status, label).toBe(400);
          expect(
            (await api.call(method.toUpperCase(), path, undefined, { ...withToken, raw: 'a=1', headers: { 'content-type': 'text/plain' } })).status,
            label,
          ).toBe(415);
          expect((await api.call(method.toUpperCase(), path, undefined, { ...json, raw: JSON.stringify({ pad: 'x'.repeat(1_050_000) }) })).status, label).toBe(
            413,
          );
          const empty = await api.call(method.toUpperCase(), path, {}, withToken);
          // The refresh cookie may stand in for the whole body: without it, no token to refresh (401), nothing to revoke (204).
          // An invite link's fields are all optional, so an empty body is valid and the unknown group answers 404.
          const emptyIsValid: Record<string, number> = { 'post /auth/refresh': 401, 'post /auth/logout': 204, 'post /groups/{id}/invite-links': 404 };
          expect(empty.status, label).toBe(emptyIsValid[label] ?? 422);
          for (const status of ['400', '413', '415', '422']) expect(op.responses[status], `${label} documents ${status}`).toBeDefined();
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(18);
  });

  it('the OpenAPI document describes every command with its limits and problem responses', async () => {
    const res = await api.call('GET', '/openapi.json');
    expect(res.status).toBe(200);
    const doc = res.body;
    const commands = [
      ['post', '/auth/register'],
      ['post', '/auth/login'],
      ['post', '/auth/refresh'],
      ['post', '/auth/logout'],
      ['patch', '/me'],
      ['post', '/groups'],
      ['patch', '/groups/{id}'],
      ['delete', '/groups/{id}'],
      ['post', '/groups/{id}/join'],
      ['post', '/groups/{id}/leave'],
      ['post', '/groups/{id}/invites'],
      ['delete', '/groups/{id}/members/{userId}'],
      ['put', '/groups/{id}/members/{userId}/role'],
      ['post', '/groups/{id}/messages'],
      ['patch', '/groups/{id}/messages/{messageId}'],
      ['delete', '/groups/{id}/messages/{messageId}'],
      ['post', '/groups/{id}/messages/{messageId}/reactions/{emoji}'],
      ['delete', '/groups/{id}/messages/{messageId}/reactions/{emoji}'],
    ];
    for (const [method, path] of commands) {
      const op = doc.paths[path!]?.[method!];
      expect(op, `${method} ${path}`).toBeDefined();
      expect(op.responses['503'].content['application/problem+json'].schema.$ref).toBe('#/components/schemas/Problem');
    }
    const schemas = doc.components.schemas;
    expect(schemas.RegisterRequest.properties.username).toMatchObject({ minLength: 3, maxLength: 32, pattern: '^[a-z0-9_.]+$' });
    expect(schemas.CreateGroupRequest.properties.name).toMatchObject({ minLength: 3, maxLength: 80 });
    expect(schemas.CreateGroupRequest.properties.description).toMatchObject({ maxLength: 2000 });
    expect(schemas.CreateGroupRequest.properties.interests).toMatchObject({ maxItems: 10, items: { maxLength: 32 } });
    expect(schemas.SendMessageRequest.properties.text).toMatchObject({ maxLength: 4000 });
    expect(schemas.SendMessageRequest.properties.attachments).toMatchObject({ maxItems: 10 });
    expect(doc.paths['/groups/{id}/messages'].post.responses['422']).toBeDefined();
    expect(doc.paths['/groups/{id}/messages'].post.responses['202'].content['application/json'].schema.$ref).toBe('#/components/schemas/SendMessageResponse');
  });
});
