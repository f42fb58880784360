// Password reset from the mail's link, the email banner and its verify link, and a change of
// password that signs out a second browser. The mails go through the stack's Mailpit and are
// read from its API; the links are opened on the test app's origin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { TestApp } from '@groupchat/test-kit/app';
import { waitUntil } from '@groupchat/test-kit';
import { linkIn, waitForMail } from '@groupchat/test-kit/mailpit';
import { startE2eApp } from './support/app';
import { launchBrowser, openPerson, type Person } from './support/browser';
import { PASSWORD, registerViaApi, signInViaUi, type Account } from './support/people';

/** The app page a mail links to, on this test's origin (PUBLIC_BASE_URL names the default one). */
const pageOf = (mail: Parameters<typeof linkIn>[0]) => {
  const link = linkIn(mail);
  return `${link.pathname}${link.search}`;
};
const emailOf = (a: Account) => `${a.username}@example.com`;

async function signIn(page: Page, login: string, password: string) {
  await page.getByLabel('Username or email').fill(login);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('accounts in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  const people: Person[] = [];

  beforeAll(async () => {
    // Short-lived access tokens: a browser whose login was ended notices at its next refresh, within seconds.
    [app, browser] = await Promise.all([startE2eApp({ ACCESS_TOKEN_TTL_SECONDS: 3 }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const person = async () => {
    const p = await openPerson(browser, app.url);
    people.push(p);
    return p;
  };

  it('a forgotten password is reset from the link in the mail, and the banner goes once the address is confirmed', async () => {
    const account = await registerViaApi(app, { prefix: 'forgot', displayName: 'Fern Forgetful' });
    const { page, errors } = await person();
    await page.goto('/login');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByRole('heading', { name: 'Forgot your password?' }).waitFor();
    await page.getByLabel('Email').fill(emailOf(account));
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await expect.poll(() => page.getByTestId('reset-sent').textContent()).toContain(emailOf(account));

    const mail = await waitForMail(emailOf(account), { subject: /Reset your GroupChat password/ });
    await page.goto(pageOf(mail));
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    expect(page.url(), 'the token leaves the address bar').not.toContain('token=');
    await page.getByLabel('New password', { exact: true }).fill('a fresh new passphrase');
    await page.getByLabel('Repeat the new password').fill('a fresh new passphrase');
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await page.getByTestId('reset-done').waitFor();

    await page.getByRole('link', { name: 'Sign in with the new password' }).click();
    await signIn(page, account.username, PASSWORD);
    await page.getByTestId('form-error').waitFor();
    await signIn(page, account.username, 'a fresh new passphrase');
    await page.getByRole('heading', { name: 'Discover groups' }).waitFor();
    // Following the reset link proved the address: no banner.
    await page.getByRole('link', { name: 'Profile', exact: true }).click();
    await expect.poll(() => page.getByTestId('account-email').textContent()).toContain('confirmed');
    expect(await page.getByTestId('verify-banner').count()).toBe(0);

    // The same link a second time is refused.
    await page.goto(pageOf(mail));
    await page.getByLabel('New password', { exact: true }).fill('yet another passphrase');
    await page.getByLabel('Repeat the new password').fill('yet another passphrase');
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await expect.poll(() => page.getByTestId('form-error').textContent()).toContain('invalid, expired or already used');
    expect(errors).toEqual([]);
  });

  it('an unconfirmed address shows a banner until the link in the verification mail is followed', async () => {
    const account = await registerViaApi(app, { prefix: 'banner', displayName: 'Bea Banner' });
    const { page, errors } = await person();
    await signInViaUi(page, account);
    await expect.poll(() => page.getByTestId('verify-banner').textContent()).toContain(emailOf(account));
    const mail = await waitForMail(emailOf(account), { subject: /Confirm your email address/ });
    await page.goto(pageOf(mail));
    await expect.poll(() => page.getByTestId('verify-done').textContent()).toContain(emailOf(account));
    await page.getByRole('link', { name: 'Go to GroupChat' }).click();
    await page.getByRole('heading', { name: 'Discover groups' }).waitFor();
    expect(await page.getByTestId('verify-banner').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('a change of password in one browser signs out the other, and this one stays signed in', async () => {
    const account = await registerViaApi(app, { prefix: 'twice', displayName: 'Tom Twice' });
    const [here, there] = [await person(), await person()];
    await Promise.all([signInViaUi(here.page, account), signInViaUi(there.page, account)]);

    await here.page.goto('/profile');
    await here.page.getByLabel('Current password').fill(PASSWORD);
    await here.page.getByLabel('New password', { exact: true }).fill('a changed passphrase');
    await here.page.getByLabel('Repeat the new password').fill('a changed passphrase');
    await here.page.getByRole('button', { name: 'Change password' }).click();
    await here.page.getByTestId('password-changed').waitFor();

    // The other browser's next refresh is refused: it lands on the sign-in page.
    await waitUntil(
      async () => {
        await there.page.goto('/profile');
        return there.page.getByRole('heading', { name: 'Sign in to GroupChat' }).isVisible();
      },
      { what: 'the other browser to be signed out', timeoutMs: 30_000, intervalMs: 500 },
    );
    // By then this browser's first access token has expired too: it goes on, on its new login.
    await waitUntil(
      async () => {
        await here.page.goto('/');
        return here.page.getByRole('heading', { name: 'Discover groups' }).isVisible();
      },
      { what: 'this browser to stay signed in', timeoutMs: 10_000, intervalMs: 500 },
    );
    await signIn(there.page, account.username, 'a changed passphrase');
    await there.page.getByRole('heading', { name: /Discover groups|Your profile/ }).waitFor();
    expect([...here.errors, ...there.errors]).toEqual([]);
  });
});
