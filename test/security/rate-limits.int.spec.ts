// Rate limits that hold behind a proxy and across instances: the counters live in Postgres, the
// client address comes from X-Forwarded-For only when TRUST_PROXY trusts the peer, failed logins
// are counted per account, and an attacker's failures cannot lock the owner out.
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_ABUSE_LIMITS, startTestApp, type TestApp } from '@groupchat/test-kit/app';
import { apiOf, uniqueName, type Answer, type Api } from '../../services/command-api/test/support/client';
import { png } from '../../services/command-api/test/media-fixtures';

const PASSWORD = 'correct horse battery';
const LIMITS = {
  ...NO_ABUSE_LIMITS,
  REGISTER_LIMIT_PER_IP: 2,
  LOGIN_LIMIT_PER_IP_AND_ACCOUNT: 3,
  LOGIN_LIMIT_PER_ACCOUNT: 6,
  LOGIN_LOCKED_DELAY_MS: 300,
  GROUP_CREATE_LIMIT: 4,
  SEARCH_LIMIT: 5,
  MEDIA_UPLOAD_LIMIT: 2,
};

/** A peer address that is not loopback, so the default TRUST_PROXY (loopback) does not trust it. */
function outsideAddress(): string {
  const found = Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal);
  if (!found) throw new Error('this test needs a non-loopback IPv4 interface to connect through');
  return found.address;
}

function expectRateLimited(res: Answer) {
  expect(res.status, JSON.stringify(res.body)).toBe(429);
  expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(res.body).toMatchObject({ status: 429, code: 'rate_limited' });
}

describe('rate limits behind a proxy and across instances', () => {
  const host = outsideAddress();
  let proxied: TestApp;
  let direct: TestApp;
  /** Instance one, behind one trusted proxy hop (TRUST_PROXY=1). */
  let one: Api;
  /** Instance two on the same database, with the default TRUST_PROXY. */
  let two: Api;
  let user: { username: string; token: string };

  const from = (ip: string) => ({ headers: { 'x-forwarded-for': ip } });
  const urlOf = (app: TestApp) => `http://${host}:${new URL(app.url).port}`;
  const register = (api: Api, ip: string, username = uniqueName('rl')) =>
    api.post('/auth/register', { username, email: `${username}@example.com`, password: PASSWORD }, from(ip));
  /** Each account from its own forwarded address, so the registration budgets under test stay untouched. */
  let accounts = 0;
  const signUp = async (prefix: string) => {
    const username = uniqueName(prefix);
    const ip = from(`198.18.0.${1 + accounts++}`);
    expect((await register(one, ip.headers['x-forwarded-for'], username)).status).toBe(201);
    const login = await one.post('/auth/login', { login: username, password: PASSWORD }, ip);
    expect(login.status).toBe(200);
    return { username, token: login.body.accessToken as string };
  };

  beforeAll(async () => {
    proxied = await startTestApp({ ...LIMITS, HOST: host, TRUST_PROXY: '1' });
    const { DATABASE_URL, GROUPCHAT_NAMESPACE, MEDIA_DIR } = proxied.config;
    direct = await startTestApp({ ...LIMITS, HOST: host, DATABASE_URL, GROUPCHAT_NAMESPACE, MEDIA_DIR });
    one = apiOf({ url: urlOf(proxied) });
    two = apiOf({ url: urlOf(direct) });
    user = await signUp('rl');
  });
  afterAll(async () => {
    await direct?.close();
    await proxied?.close();
  });

  it('when group creations are split across two instances, then they share one budget: 429 at the limit', async () => {
    const answers: Answer[] = [];
    for (let i = 0; i < LIMITS.GROUP_CREATE_LIMIT + 1; i++) {
      answers.push(await (i % 2 ? two : one).post('/groups', { name: `Limited ${i}`, visibility: 'public' }, { token: user.token }));
    }
    expect(answers.slice(0, -1).map((a) => a.status)).toEqual(Array(LIMITS.GROUP_CREATE_LIMIT).fill(201));
    expectRateLimited(answers.at(-1)!);
  });

  it('when searching messages, groups and users across both instances, then one budget per user: 429 at the limit', async () => {
    const paths = ['/search/messages?q=hello', '/groups?q=hello', '/users?q=hello'];
    const answers: Answer[] = [];
    for (let i = 0; i < LIMITS.SEARCH_LIMIT + 1; i++)
      answers.push(await (i % 2 ? two : one).call('GET', paths[i % paths.length]!, undefined, { token: user.token }));
    expect(answers.slice(0, -1).map((a) => a.status)).toEqual(Array(LIMITS.SEARCH_LIMIT).fill(200));
    expectRateLimited(answers.at(-1)!);
  });

  it('when uploads pass the per-user limit, then 429', async () => {
    const upload = async (api: Api) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(await png(16, 16))], { type: 'image/png' }), 'limit.png');
      const res = await fetch(`${urlOf(api === one ? proxied : direct)}/api/v1/media`, {
        method: 'POST',
        headers: { authorization: `Bearer ${user.token}` },
        body: form,
      });
      return { status: res.status, headers: res.headers, body: await res.json() } as Answer;
    };
    expect([(await upload(one)).status, (await upload(two)).status]).toEqual([201, 201]);
    expectRateLimited(await upload(one));
  });

  it('given TRUST_PROXY=1, when two clients come through the proxy, then X-Forwarded-For gives each its own budget', async () => {
    expect([(await register(one, '203.0.113.1')).status, (await register(one, '203.0.113.1')).status]).toEqual([201, 201]);
    expectRateLimited(await register(one, '203.0.113.1'));
    expect((await register(one, '203.0.113.2')).status).toBe(201);
  });

  it('given the default TRUST_PROXY, when a client that is no trusted proxy sends X-Forwarded-For, then it is ignored: no fresh budget', async () => {
    expect([(await register(two, '203.0.113.3')).status, (await register(two, '203.0.113.4')).status]).toEqual([201, 201]);
    expectRateLimited(await register(two, '203.0.113.5'));
  });

  it('when failures use the username and the email of one account, then they share one budget', async () => {
    const victim = await signUp('forms');
    const email = `${victim.username}@example.com`;
    const ip = from('198.51.100.1');
    for (const login of [victim.username, email, victim.username])
      expect((await one.post('/auth/login', { login, password: 'wrong password' }, ip)).status).toBe(401);
    expectRateLimited(await one.post('/auth/login', { login: email, password: PASSWORD }, ip));
  });

  it("when attackers exhaust an account's failures, then their addresses are refused but the owner's right password still signs in (slowed)", async () => {
    const owner = await signUp('owner');
    const attempt = (ip: string, password: string) => one.post('/auth/login', { login: owner.username, password }, from(ip));
    for (const ip of ['198.51.100.10', '198.51.100.11']) {
      for (let i = 0; i < LIMITS.LOGIN_LIMIT_PER_IP_AND_ACCOUNT; i++) expect((await attempt(ip, 'guess')).status).toBe(401);
      expectRateLimited(await attempt(ip, 'guess'));
    }
    // The account is past LOGIN_LIMIT_PER_ACCOUNT: a new address gets one slowed try, then is refused too.
    expect((await attempt('198.51.100.12', 'guess')).status).toBe(401);
    expectRateLimited(await attempt('198.51.100.12', 'guess'));
    const started = performance.now();
    const signedIn = await attempt('198.18.1.1', PASSWORD);
    const took = performance.now() - started;
    console.log(`owner's login with the account under attack: ${signedIn.status} in ${took.toFixed(0)} ms`);
    expect(signedIn.status).toBe(200);
    expect(took).toBeGreaterThanOrEqual(LIMITS.LOGIN_LOCKED_DELAY_MS - 5);
  });
});
