// Hostile input must never hold the event loop: each request below is sent while another client
// polls /healthz every 50 ms, and the worst delay of /healthz must stay under 1 s (a bound that
// shows the loop is not blocked, not a speed target). Each answer is a 4xx problem+json.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_ABUSE_LIMITS, startTestApp, type TestApp } from '@groupchat/test-kit/app';
import { whileWatched } from '@groupchat/test-kit/healthz-watch';
import { apiOf, registerUser, uniqueName, type Answer, type Api, type TestUser } from '../../services/command-api/test/support/client';

const BOUND_MS = 1000;
const AUTH_LIMIT = 16 * 1024;

/** The email that held the loop for 36 s: a quadratic pattern over a run of `.a` ending in a space. */
const hostileEmail = (runs: number) => `a@${'.a'.repeat(runs)} x`;
/** The longest such email whose register body still fits the auth body limit. */
const emailAtAuthLimit = () => hostileEmail(Math.floor((AUTH_LIMIT - 200) / 2));

describe('hostile input does not block the event loop', () => {
  let app: TestApp;
  let api: Api;
  let me: TestUser;
  const measured: Record<string, number> = {};

  const expectProblem = (res: Answer, statuses: number[]) => {
    expect(statuses, `${res.status} ${JSON.stringify(res.body)?.slice(0, 200)}`).toContain(res.status);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
  };
  /** Sends while /healthz is watched, records the worst delay under `name`, and checks the bound. */
  const watched = async <T>(name: string, action: () => Promise<T>): Promise<T> => {
    const { result, maxMs, polls } = await whileWatched(app.url, action);
    measured[name] = maxMs;
    expect(polls, name).toBeGreaterThan(0);
    expect(maxMs, `${name}: /healthz waited ${maxMs} ms`).toBeLessThan(BOUND_MS);
    return result;
  };
  const register = (fields: Record<string, unknown>) => {
    const username = uniqueName('redos');
    return api.post('/auth/register', { username, email: `${username}@example.com`, password: 'correct horse battery', ...fields });
  };

  beforeAll(async () => {
    app = await startTestApp(NO_ABUSE_LIMITS);
    api = apiOf(app);
    me = await registerUser(api, 'redos');
  });
  afterAll(async () => {
    console.log(`max /healthz delay per hostile request (ms): ${JSON.stringify(measured)}`);
    await app?.close();
  });

  it('the 120 KB email is refused as too large, 413', async () => {
    const email = hostileEmail(120_000);
    expect(email.length).toBeGreaterThan(240_000);
    expectProblem(await watched('email 240 KB', () => register({ email })), [413]);
  });

  it('the same email at the auth body limit is refused as invalid, 422 on email', async () => {
    const email = emailAtAuthLimit();
    const res = await watched('email at 16 KB limit', () => register({ email }));
    expectProblem(res, [422]);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['email']);
  });

  it('a 1 MB body on register and login is 413 before it is parsed', async () => {
    const big = 'a'.repeat(1024 * 1024);
    expectProblem(await watched('register 1 MB', () => register({ displayName: big })), [413]);
    expectProblem(await watched('login 1 MB', () => api.post('/auth/login', { login: big, password: 'x' })), [413]);
  });

  it('an auth body just over 16 KB is 413; a realistic one is not', async () => {
    expectProblem(await register({ displayName: 'a'.repeat(AUTH_LIMIT) }), [413]);
    expect((await register({ displayName: 'Ada' })).status).toBe(201);
  });

  it('long usernames, logins, passwords and display names are 422', async () => {
    const long = `${'a.'.repeat(7000)}!`;
    const cases: [string, () => Promise<Answer>, string][] = [
      ['username 14 KB', () => register({ username: long }), 'username'],
      ['login 14 KB', () => api.post('/auth/login', { login: `${'a@a.'.repeat(3500)} x`, password: 'correct horse battery' }), 'login'],
      ['password 14 KB', () => register({ password: long }), 'password'],
      ['displayName 14 KB', () => register({ displayName: long }), 'displayName'],
    ];
    for (const [name, send, field] of cases) {
      const res = await watched(name, send);
      expectProblem(res, [422]);
      expect(
        res.body.errors.map((e: { field: string }) => e.field),
        name,
      ).toContain(field);
    }
  });

  it('long interests and tags are 422, at registration, on the profile and on a group', async () => {
    const spaced = ' \t a'.repeat(3000);
    const res1 = await watched('register interests 12 KB', () => register({ interests: [spaced] }));
    expectProblem(res1, [422]);
    const huge = Array.from({ length: 10 }, () => ' a'.repeat(45_000));
    expectProblem(await watched('profile interests 900 KB', () => api.patch('/me', { interests: huge }, { token: me.token })), [422]);
    expectProblem(
      await watched('group interests 900 KB', () => api.post('/groups', { name: 'g', visibility: 'public', interests: huge }, { token: me.token })),
      [422],
    );
    expectProblem(
      await watched('group description 900 KB', () =>
        api.post('/groups', { name: 'g', visibility: 'public', description: 'a '.repeat(450_000), interests: ['x'] }, { token: me.token }),
      ),
      [422],
    );
  });

  it('uploads named with 16 KB of ". . . ." keep the loop free and get a short clean name', async () => {
    const name = `a${'. '.repeat(8000)}b.txt`;
    const upload = async () => {
      const form = new FormData();
      form.append('file', new Blob(['hello'], { type: 'text/plain' }), name);
      const res = await fetch(`${app.url}/api/v1/media`, { method: 'POST', headers: { authorization: `Bearer ${me.token}` }, body: form });
      return { status: res.status, body: (await res.json()) as { fileName?: string } };
    };
    const answers = await watched('8 uploads with 16 KB names', () => Promise.all(Array.from({ length: 8 }, upload)));
    for (const res of answers) {
      expect(res.status, JSON.stringify(res.body).slice(0, 200)).toBe(201);
      expect(res.body.fileName!.length).toBeLessThanOrEqual(200);
      expect(res.body.fileName).toMatch(/^a[. ]+\.txt$/);
    }
  });
});
