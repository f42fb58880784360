import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import jwt from 'jsonwebtoken';
import pg from 'pg';
import { NO_ABUSE_LIMITS, startTestApp, type TestApp } from '@groupchat/test-kit/app';
import { apiOf, registerUser, uniqueName, type Api } from './support/client';
import { eventsIn } from './support/log';

describe('accounts through HTTP', () => {
  let app: TestApp;
  let api: Api;
  let db: pg.Pool;

  beforeAll(async () => {
    app = await startTestApp(NO_ABUSE_LIMITS);
    api = apiOf(app);
    db = new pg.Pool({ connectionString: app.config.DATABASE_URL, max: 2 });
  });
  afterAll(async () => {
    await db?.end();
    await app?.close();
  });

  it('when registering, then 201 with userId and position, and UserRegistered in the log without any secret', async () => {
    const username = uniqueName('reg');
    const password = 'a secret passphrase';
    const res = await api.post('/auth/register', {
      username,
      email: `${username.toUpperCase()}@Example.com`,
      password,
      displayName: 'Ada',
      interests: ['Math', 'math', 'Engines'],
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ userId: expect.any(String), position: expect.stringMatching(/^u\.\d+\.\d+$/) });
    const events = (await eventsIn(app.config, 'users')).filter((e) => e.key === res.body.userId);
    expect(events.map((e) => e.event)).toEqual([
      expect.objectContaining({
        type: 'UserRegistered',
        userId: res.body.userId,
        actorId: res.body.userId,
        username,
        email: `${username}@example.com`,
        displayName: 'Ada',
        interests: ['math', 'engines'],
      }),
    ]);
    expect(`u.${events[0]!.partition}.${events[0]!.offset}`).toBe(res.body.position);
    expect(JSON.stringify(events[0]!.event)).not.toMatch(/secret passphrase|argon2/);
  });

  it('when 50 registrations of one username race, then exactly one 201, the rest 409, and one event in the log', async () => {
    const username = uniqueName('race');
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => api.post('/auth/register', { username, email: `${username}.${i}@example.com`, password: 'correct horse battery' })),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    expect(answers.find((a) => a.status === 409)!.body).toMatchObject({ code: 'username_taken', errors: [{ field: 'username' }] });
    const registered = (await eventsIn(app.config, 'users')).filter((e) => e.event.type === 'UserRegistered' && e.event.username === username);
    expect(registered).toHaveLength(1);
  });

  it('when an email is taken (in any case), then 409 email_taken', async () => {
    const a = uniqueName('mail');
    await api.post('/auth/register', { username: a, email: `${a}@example.com`, password: 'correct horse battery' });
    const res = await api.post('/auth/register', { username: uniqueName('mail'), email: `${a.toUpperCase()}@EXAMPLE.com`, password: 'correct horse battery' });
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'email_taken', errors: [{ field: 'email' }] });
  });

  it('when logging in right after registering, by username or email, then tokens (the refresh token in the body when asked) and the user', async () => {
    const username = uniqueName('login');
    const reg = await api.post('/auth/register', { username, email: `${username}@example.com`, password: 'correct horse battery' });
    for (const login of [username, `${username.toUpperCase()}@example.com`]) {
      const res = await api.post('/auth/login', { login, password: 'correct horse battery', refreshTokenIn: 'body' });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        accessToken: expect.any(String),
        refreshToken: expect.any(String),
        expiresIn: 900,
        user: { id: reg.body.userId, username, email: `${username}@example.com` },
      });
      expect(jwt.decode(res.body.accessToken)).toMatchObject({ sub: reg.body.userId, username });
    }
  });

  it('when the password is wrong or the login unknown, then the same 401 in about the same time', async () => {
    const user = await registerUser(api, 'timing');
    const time = async (login: string) => {
      const started = performance.now();
      const res = await api.post('/auth/login', { login, password: 'not the password' });
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ code: 'invalid_credentials' });
      return performance.now() - started;
    };
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const wrong: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 5; i++) {
      wrong.push(await time(user.username));
      unknown.push(await time(uniqueName('nobody')));
    }
    expect(median(unknown)).toBeGreaterThan(median(wrong) * 0.4);
  });

  it('when refreshing, then the old refresh token dies; presenting it again revokes the whole family', async () => {
    const user = await registerUser(api, 'refresh');
    const first = await api.post('/auth/refresh', { refreshToken: user.refreshToken });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ accessToken: expect.any(String), refreshToken: expect.any(String), expiresIn: 900 });
    expect(first.body.refreshToken).not.toBe(user.refreshToken);
    const second = await api.post('/auth/refresh', { refreshToken: first.body.refreshToken });
    expect(second.status).toBe(200);

    const reuse = await api.post('/auth/refresh', { refreshToken: user.refreshToken });
    expect(reuse.status).toBe(401);
    expect(reuse.body).toMatchObject({ code: 'refresh_token_reused' });
    const afterReuse = await api.post('/auth/refresh', { refreshToken: second.body.refreshToken });
    expect(afterReuse.status).toBe(401);

    const other = await api.post('/auth/login', { login: user.username, password: 'correct horse battery', refreshTokenIn: 'body' });
    expect((await api.post('/auth/refresh', { refreshToken: other.body.refreshToken })).status).toBe(200);
  });

  it('stores only digests of refresh tokens', async () => {
    const user = await registerUser(api, 'digest');
    const { rows } = await db.query('SELECT token_hash FROM refresh_tokens WHERE user_id = $1', [user.userId]);
    expect(rows).toHaveLength(1);
    expect(rows[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0].token_hash).not.toBe(user.refreshToken);
  });

  it('when logging out, then 204 and the refresh token no longer works; an unknown token is also 204', async () => {
    const user = await registerUser(api, 'logout');
    expect((await api.post('/auth/logout', { refreshToken: user.refreshToken })).status).toBe(204);
    expect((await api.post('/auth/refresh', { refreshToken: user.refreshToken })).status).toBe(401);
    expect((await api.post('/auth/logout', { refreshToken: 'never-issued' })).status).toBe(204);
    expect((await api.post('/auth/refresh', { refreshToken: 'never-issued' })).body).toMatchObject({ status: 401, code: 'invalid_refresh_token' });
  });

  it('when the access token is missing, expired, tampered or alg none, then 401', async () => {
    const user = await registerUser(api, 'tokens');
    const secret = app.config.JWT_SECRET;
    const expired = jwt.sign({ username: user.username }, secret, {
      algorithm: 'HS256',
      subject: user.userId,
      issuer: 'groupchat',
      audience: 'groupchat',
      expiresIn: -10,
    });
    const [h, p, s] = user.token.split('.');
    const claims = JSON.parse(Buffer.from(p!, 'base64url').toString());
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...claims, sub: 'someone-else' })).toString('base64url')}.${s}`;
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${p}.`;
    const otherKey = jwt.sign({ username: user.username }, 'another-secret-of-enough-length', {
      algorithm: 'HS256',
      subject: user.userId,
      issuer: 'groupchat',
    });
    expect((await api.patch('/me', { bio: 'x' })).status).toBe(401);
    for (const token of [expired, tampered, none, otherKey, 'garbage']) {
      const res = await api.patch('/me', { bio: 'x' }, { token });
      expect(res.status, token).toBe(401);
      expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    }
    expect((await api.patch('/me', { bio: 'x' }, { token: user.token })).status).toBe(200);
  });

  it('when updating the profile, then UserProfileUpdated with only the given fields; an avatar must be an own image', async () => {
    const user = await registerUser(api, 'profile');
    const other = await registerUser(api, 'profile');
    await db.query(
      `INSERT INTO media (media_id, owner_id, kind, content_type, size, storage_key) VALUES ($1, $2, 'image', 'image/png', 10, 'k1'), ($3, $4, 'image', 'image/png', 10, 'k2'), ($5, $2, 'file', 'application/pdf', 10, 'k3')`,
      [`img-${user.userId}`, user.userId, `img-${other.userId}`, other.userId, `pdf-${user.userId}`],
    );
    const res = await api.patch('/me', { displayName: ' Ada  L. ', bio: 'line one\nline two', avatarMediaId: `img-${user.userId}` }, { token: user.token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ position: expect.stringMatching(/^u\./) });
    const theirs = await api.patch('/me', { avatarMediaId: `img-${other.userId}` }, { token: user.token });
    expect(theirs.status).toBe(422);
    expect(theirs.body.errors).toEqual([{ field: 'avatarMediaId', message: expect.any(String) }]);
    expect((await api.patch('/me', { avatarMediaId: `pdf-${user.userId}` }, { token: user.token })).status).toBe(422);
    expect((await api.patch('/me', {}, { token: user.token })).status).toBe(422);
    const events = (await eventsIn(app.config, 'users')).filter((e) => e.key === user.userId).map((e) => e.event);
    expect(events.map((e) => e.type)).toEqual(['UserRegistered', 'UserProfileUpdated']);
    expect(events[1]).toMatchObject({
      displayName: 'Ada  L.',
      bio: 'line one\nline two',
      interests: null,
      avatarMediaId: `img-${user.userId}`,
      actorId: user.userId,
    });
    const { rows } = await db.query('SELECT attached_at FROM media WHERE media_id = $1', [`img-${user.userId}`]);
    expect(rows[0].attached_at).toBeInstanceOf(Date);
  });

  it('carries the request id into the events as correlationId', async () => {
    const username = uniqueName('corr');
    const res = await api.post(
      '/auth/register',
      { username, email: `${username}@example.com`, password: 'correct horse battery' },
      { headers: { 'x-request-id': `req-${username}` } },
    );
    expect(res.headers.get('x-request-id')).toBe(`req-${username}`);
    const event = (await eventsIn(app.config, 'users')).find((e) => e.key === res.body.userId)!.event;
    expect(event.correlationId).toBe(`req-${username}`);
  });
});
