import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import type { TestApp } from '@groupchat/test-kit/app';
import { waitUntil } from '@groupchat/test-kit';

export const PASSWORD = 'correct horse battery staple';

let counter = 0;
export const uniqueUsername = (prefix: string) => `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`.slice(0, 32);

export interface Account {
  userId: string;
  username: string;
  displayName: string;
}

async function call(app: TestApp, method: string, path: string, body?: unknown) {
  const res = await fetch(`${app.url}/api/v1${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** Registers through the API (for the people a test does not sign up through the form). */
export async function registerViaApi(
  app: TestApp,
  input: { prefix: string; displayName: string; interests?: string[]; exactUsername?: boolean },
): Promise<Account> {
  const username = input.exactUsername ? input.prefix : uniqueUsername(input.prefix);
  const res = await call(app, 'POST', '/auth/register', {
    username,
    email: `${username}@example.com`,
    password: PASSWORD,
    displayName: input.displayName,
    interests: input.interests ?? [],
  });
  if (res.status !== 201) throw new Error(`register ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  return { userId: res.body.userId, username, displayName: input.displayName };
}

/**
 * Fills the registration form and lands on Discover. With `startAt`, the person, signed out,
 * opens that page first, is sent to sign in, follows "Create an account", and lands on the
 * page they opened (whose heading is `landsOn`).
 */
export async function registerViaUi(
  app: TestApp,
  page: Page,
  input: { prefix: string; displayName: string; interests?: string[]; startAt?: string; landsOn?: string },
): Promise<Account> {
  const username = uniqueUsername(input.prefix);
  if (input.startAt) {
    await page.goto(input.startAt);
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByRole('heading', { name: 'Create your account' }).waitFor();
  } else await page.goto('/register');
  await page.getByLabel('Username', { exact: true }).fill(username);
  await page.getByLabel('Email').fill(`${username}@example.com`);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByLabel('Display name').fill(input.displayName);
  const interests = page.getByLabel('Interests', { exact: true });
  for (const tag of input.interests ?? []) {
    await interests.fill(tag);
    await interests.press('Enter');
  }
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: input.landsOn ?? 'Discover groups' }).waitFor();
  const login = await call(app, 'POST', '/auth/login', { login: username, password: PASSWORD });
  expect(login.status).toBe(200);
  return { userId: login.body.user.id as string, username, displayName: input.displayName };
}

/** Signs in through the form and lands on Discover. */
export async function signInViaUi(page: Page, account: Account): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Username or email').fill(account.username);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Discover groups' }).waitFor();
}

/** Creates a group through the form; returns its id once the chat is open. */
export async function createGroupViaUi(page: Page, input: { name: string; description: string; interests: string[] }): Promise<string> {
  await page.goto('/groups/new');
  await page.getByLabel('Name', { exact: true }).fill(input.name);
  await page.getByLabel('Description').fill(input.description);
  const interests = page.getByLabel('Interests', { exact: true });
  // The form starts with the creator's own interests; replace them.
  for (let i = await page.getByRole('button', { name: /^Remove / }).count(); i > 0; i -= 1)
    await page
      .getByRole('button', { name: /^Remove / })
      .first()
      .click();
  for (const tag of input.interests) {
    await interests.fill(tag);
    await interests.press('Enter');
  }
  await page.getByRole('button', { name: 'Create group' }).click();
  await page.waitForURL(/\/groups\/[^/]+$/);
  await page.getByTestId('composer-input').waitFor();
  return new URL(page.url()).pathname.split('/').pop()!;
}

/** Types into the composer (so typing is announced) and sends with Enter. */
export async function sendMessage(page: Page, text: string): Promise<void> {
  const input = page.getByTestId('composer-input');
  await input.click();
  await input.pressSequentially(text.slice(0, 3));
  await input.fill(text);
  await input.press('Enter');
}

/** The message rows whose text is exactly `text`. */
export const messagesWithText = (page: Page, text: string) =>
  page.getByTestId('message').filter({ has: page.getByTestId('message-text').getByText(text, { exact: true }) });

/** A small PNG with a gradient, so the thumbnail is a real picture. */
export async function makePng(width = 96, height = 64): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y += 1)
    for (let x = 0; x < width; x += 1) {
      const i = (y * width + x) * 3;
      raw[i] = Math.round((255 * x) / width);
      raw[i + 1] = Math.round((255 * y) / height);
      raw[i + 2] = 180;
    }
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

/** Waits until the element's text is `expected` (or contains it), then returns it. */
export async function textBecomes(locator: Locator, expected: string, { contains = false, timeoutMs = 20_000 } = {}): Promise<string> {
  let last: string | null = null;
  return waitUntil(
    async () => {
      last = await locator.textContent({ timeout: timeoutMs });
      const text = (last ?? '').trim();
      return (contains ? text.includes(expected) : text === expected) ? text : null;
    },
    { timeoutMs, what: `text ${JSON.stringify(expected)} (last seen ${JSON.stringify(last)})` },
  );
}
