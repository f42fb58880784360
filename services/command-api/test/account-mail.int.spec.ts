import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { NO_ABUSE_LIMITS, startTestApp, type TestApp } from '@groupchat/test-kit/app';
import { freePort, waitUntil } from '@groupchat/test-kit';
import { linkIn, mailsTo, tokenIn, waitForMail, waitForMails } from '@groupchat/test-kit/mailpit';
import { apiOf, uniqueName, type Api } from './support/client';

const PASSWORD = 'correct horse battery';
const VERIFY = /^Confirm your email address/;
const CHANGE = /^Confirm your new email address/;
const RESET = /^Reset your GroupChat password/;

async function register(api: Api, prefix: string) {
  const username = uniqueName(prefix);
  const email = `${username}@example.com`;
  const reg = await api.post('/auth/register', { username, email, password: PASSWORD, displayName: 'Ada <Lovelace>' });
  expect(reg.status, JSON.stringify(reg.body)).toBe(201);
  const login = await api.post('/auth/login', { login: username, password: PASSWORD, refreshTokenIn: 'body' });
  expect(login.status).toBe(200);
  return { username, email, userId: reg.body.userId as string, token: login.body.accessToken as string, refreshToken: login.body.refreshToken as string };
}

describe('accounts mail through a real SMTP server (Mailpit)', () => {
  let app: TestApp;
  let api: Api;

  beforeAll(async () => {
    app = await startTestApp(NO_ABUSE_LIMITS);
    api = apiOf(app);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('when registering, then the account works at once, a verification mail arrives, and its link verifies the address once', async () => {
    const user = await register(api, 'verify');
    expect((await api.get('/me/account', { token: user.token })).body).toEqual({ email: user.email, emailVerified: false, pendingEmail: null });

    const mail = await waitForMail(user.email, { subject: VERIFY });
    expect(mail.to).toEqual([user.email]);
    expect(mail.text).toContain('Hello Ada <Lovelace>,');
    expect(mail.html).toContain('Hello Ada &lt;Lovelace&gt;,');
    const link = linkIn(mail);
    expect(`${link.origin}${link.pathname}`).toBe(`${app.config.PUBLIC_BASE_URL}/verify-email`);
    expect(mail.html).toContain(link.toString().replace(/&/g, '&amp;'));

    const verified = await api.post('/auth/verify-email', { token: tokenIn(mail) });
    expect(verified.status, JSON.stringify(verified.body)).toBe(200);
    expect(verified.body).toEqual({ email: user.email });
    const again = await api.post('/auth/verify-email', { token: tokenIn(mail) });
    expect(again.status).toBe(422);
    expect(again.body).toMatchObject({ code: 'invalid_token', errors: [{ field: 'token' }] });
    expect((await api.get('/me/account', { token: user.token })).body).toMatchObject({ emailVerified: true });
    expect((await api.post('/me/email-verification', undefined, { token: user.token })).body).toMatchObject({ code: 'already_verified' });
  });

  it('when asking for the verification mail again, then a new link arrives and the earlier one stops working', async () => {
    const user = await register(api, 'resend');
    const first = await waitForMail(user.email, { subject: VERIFY });
    const resent = await api.post('/me/email-verification', undefined, { token: user.token });
    expect(resent.status).toBe(202);
    const [, second] = await waitForMails(user.email, { subject: VERIFY, count: 2 });
    expect(tokenIn(second!)).not.toBe(tokenIn(first));
    expect((await api.post('/auth/verify-email', { token: tokenIn(first) })).status).toBe(422);
    expect((await api.post('/auth/verify-email', { token: tokenIn(second!) })).status).toBe(200);
  });

  it('when a reset is asked for an unknown email, then the answer is exactly that of a known one, and only the known one gets a mail', async () => {
    const user = await register(api, 'reset');
    const unknown = `${uniqueName('nobody')}@example.com`;
    const known = await api.post('/auth/password-reset', { email: user.email.toUpperCase() });
    const stranger = await api.post('/auth/password-reset', { email: unknown });
    expect(known.status).toBe(202);
    expect(stranger.status).toBe(known.status);
    expect(stranger.body).toEqual(known.body);
    expect(stranger.headers.get('content-type')).toBe(known.headers.get('content-type'));
    expect(stranger.headers.get('content-length')).toBe(known.headers.get('content-length'));

    const mail = await waitForMail(user.email, { subject: RESET });
    expect(`${linkIn(mail).origin}${linkIn(mail).pathname}`).toBe(`${app.config.PUBLIC_BASE_URL}/reset-password`);
    expect(mail.text).toContain('30 minutes');
    expect(await mailsTo(unknown)).toEqual([]);
  });

  it('when the reset link is followed, then the new password signs in, every session is gone, and the link works once', async () => {
    const user = await register(api, 'newpass');
    const other = await api.post('/auth/login', { login: user.email, password: PASSWORD, refreshTokenIn: 'body' });
    expect((await api.post('/auth/password-reset', { email: user.email })).status).toBe(202);
    const token = tokenIn(await waitForMail(user.email, { subject: RESET }));

    const short = await api.post('/auth/password-reset/confirm', { token, password: 'short' });
    expect(short.status).toBe(422);
    expect(short.body).toMatchObject({ errors: [{ field: 'password' }] });
    const confirmed = await api.post('/auth/password-reset/confirm', { token, password: 'a brand new passphrase' });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(204);
    for (const refreshToken of [user.refreshToken, other.body.refreshToken]) expect((await api.post('/auth/refresh', { refreshToken })).status).toBe(401);
    expect((await api.post('/auth/login', { login: user.username, password: PASSWORD })).status).toBe(401);
    const signedIn = await api.post('/auth/login', { login: user.username, password: 'a brand new passphrase' });
    expect(signedIn.status).toBe(200);
    const reused = await api.post('/auth/password-reset/confirm', { token, password: 'yet another passphrase' });
    expect(reused.status).toBe(422);
    expect(reused.body).toMatchObject({ code: 'invalid_token' });
    // The mail reached the address: it is verified now.
    expect((await api.get('/me/account', { token: signedIn.body.accessToken })).body).toMatchObject({ emailVerified: true });
  });

  it('when changing the email, then nothing changes until the link mailed to the new address is followed', async () => {
    const user = await register(api, 'change');
    const newEmail = `${uniqueName('moved')}@example.com`;
    const wrong = await api.post('/me/email', { email: newEmail, password: 'not the password' }, { token: user.token });
    expect(wrong.status).toBe(403);
    expect(wrong.body).toMatchObject({ code: 'invalid_credentials' });
    const taken = await register(api, 'taken');
    expect((await api.post('/me/email', { email: taken.email, password: PASSWORD }, { token: user.token })).body).toMatchObject({ code: 'email_taken' });

    const asked = await api.post('/me/email', { email: newEmail.toUpperCase(), password: PASSWORD }, { token: user.token });
    expect(asked.status, JSON.stringify(asked.body)).toBe(202);
    expect(asked.body).toMatchObject({ pendingEmail: newEmail });
    expect((await api.get('/me/account', { token: user.token })).body).toEqual({ email: user.email, emailVerified: false, pendingEmail: newEmail });
    const mail = await waitForMail(newEmail, { subject: CHANGE });
    expect((await api.post('/auth/login', { login: newEmail, password: PASSWORD })).status, 'not yet in force').toBe(401);

    expect((await api.post('/auth/verify-email', { token: tokenIn(mail) })).body).toEqual({ email: newEmail });
    expect((await api.get('/me/account', { token: user.token })).body).toEqual({ email: newEmail, emailVerified: true, pendingEmail: null });
    expect((await api.post('/auth/login', { login: newEmail, password: PASSWORD })).status).toBe(200);
    expect((await api.post('/auth/login', { login: user.email, password: PASSWORD })).status).toBe(401);
    // The verification link mailed to the old address at registration verifies nothing now.
    const old = await waitForMail(user.email, { subject: VERIFY });
    expect((await api.post('/auth/verify-email', { token: tokenIn(old) })).status).toBe(422);
  });
});

describe('accounts mail: expiry and limits', () => {
  let app: TestApp;
  let api: Api;
  let db: pg.Pool;

  beforeAll(async () => {
    app = await startTestApp({ ...NO_ABUSE_LIMITS, EMAIL_VERIFY_TTL_SECONDS: 1, PASSWORD_RESET_TTL_SECONDS: 1, PASSWORD_RESET_LIMIT_PER_EMAIL: 2 });
    api = apiOf(app);
    db = new pg.Pool({ connectionString: app.config.DATABASE_URL, max: 2 });
  });
  afterAll(async () => {
    await db?.end();
    await app?.close();
  });

  /** Until the database's clock has passed every token of the user: the server decides expiry by it. */
  const allExpired = (userId: string) =>
    waitUntil(async () => (await db.query('SELECT 1 FROM account_tokens WHERE user_id = $1 AND expires_at > now()', [userId])).rowCount === 0, {
      what: 'the tokens to expire',
      timeoutMs: 10_000,
    });

  it('when a verification or reset link is followed after its expiry, then 422 invalid_token and nothing changes', async () => {
    const user = await register(api, 'late');
    const verify = await waitForMail(user.email, { subject: VERIFY });
    expect(verify.text).toContain('for 1 second');
    expect((await api.post('/auth/password-reset', { email: user.email })).status).toBe(202);
    const reset = await waitForMail(user.email, { subject: RESET });
    await allExpired(user.userId);

    expect((await api.post('/auth/verify-email', { token: tokenIn(verify) })).body).toMatchObject({ code: 'invalid_token' });
    expect((await api.post('/auth/password-reset/confirm', { token: tokenIn(reset), password: 'a brand new passphrase' })).body).toMatchObject({
      code: 'invalid_token',
    });
    expect((await api.post('/auth/login', { login: user.username, password: PASSWORD })).status).toBe(200);
    expect((await api.get('/me/account', { token: user.token })).body).toMatchObject({ emailVerified: false });
  });

  it('when resets for one address go past the limit, then 429 with Retry-After, for a known and an unknown address alike', async () => {
    const user = await register(api, 'flood');
    for (const email of [user.email, `${uniqueName('ghost')}@example.com`]) {
      const answers = [];
      for (let i = 0; i < 3; i++) answers.push(await api.post('/auth/password-reset', { email }));
      expect(answers.map((a) => a.status)).toEqual([202, 202, 429]);
      expect(Number(answers[2]!.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  });
});

describe('accounts mail when the mail server is down', () => {
  let app: TestApp;
  let api: Api;

  beforeAll(async () => {
    // Nothing listens there: every connection is refused.
    app = await startTestApp({ ...NO_ABUSE_LIMITS, SMTP_URL: `smtp://127.0.0.1:${await freePort()}` });
    api = apiOf(app);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('when mails cannot be sent, then registration, resend and reset answer as usual, and nothing of the failure reaches the client', async () => {
    const user = await register(api, 'nomail');
    const resent = await api.post('/me/email-verification', undefined, { token: user.token });
    expect(resent.status).toBe(202);
    expect(resent.body).toEqual({ message: 'a verification mail is on its way' });
    const reset = await api.post('/auth/password-reset', { email: user.email });
    expect(reset.status).toBe(202);
    expect(JSON.stringify([resent.body, reset.body])).not.toMatch(/ECONNREFUSED|smtp|127\.0\.0\.1/i);
    expect((await api.post('/auth/login', { login: user.username, password: PASSWORD })).status).toBe(200);
  });
});
