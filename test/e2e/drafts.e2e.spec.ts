// Unsent text belongs to the group it was typed in: switching groups shows the other group's
// own (empty) composer, coming back shows the draft again, and so does a reload; sending clears it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator } from 'playwright-core';
import type { TestApp } from '@groupchat/test-kit/app';
import { waitUntil } from '@groupchat/test-kit';
import { startE2eApp } from './support/app';
import { launchBrowser, openPerson, type Person } from './support/browser';
import { messagesWithText, registerViaApi, signInViaUi } from './support/people';
import { ApiActor } from './support/seed';

describe('drafts per group in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  let dana: Person;
  let chess: string;
  let go: string;
  const suffix = Date.now().toString(36);

  const composer = () => dana.page.getByTestId('composer-input');
  const valueIs = (input: Locator, expected: string, what: string) =>
    waitUntil(async () => (await input.inputValue()) === expected, { timeoutMs: 15_000, what });

  beforeAll(async () => {
    [app, browser] = await Promise.all([startE2eApp(), launchBrowser()]);
    const account = await registerViaApi(app, { prefix: 'dana', displayName: 'Dana Drafts', interests: ['chess'] });
    const actor = await ApiActor.signIn(app, account);
    chess = await actor.createGroup({ name: `Chess Openings ${suffix}`, description: 'Sicilian or French?', interests: ['chess'] });
    go = await actor.createGroup({ name: `Go Players ${suffix}`, description: 'Nine by nine on Fridays.', interests: ['go'] });
    dana = await openPerson(browser, app.url);
    await signInViaUi(dana.page, account);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('a draft stays in its group across group switches and a reload', async () => {
    const { page } = dana;
    const draft = 'Has anyone tried the Najdorf against 6.Bg5?';
    await page.goto(`/groups/${chess}`);
    await page.getByTestId('chat-title').getByText(`Chess Openings ${suffix}`).waitFor();
    await composer().click();
    await composer().pressSequentially(draft);

    await page.getByTestId(`group-link-${go}`).click();
    await page.waitForURL(`**/groups/${go}`);
    await page.getByTestId('chat-title').getByText(`Go Players ${suffix}`).waitFor();
    await expect(page.getByLabel(`Message Go Players ${suffix}`).inputValue()).resolves.toBe('');
    // Enter in the other group's empty composer sends nothing anywhere.
    await composer().press('Enter');
    await expect(page.getByTestId('send-button').isDisabled()).resolves.toBe(true);

    await page.getByTestId(`group-link-${chess}`).click();
    await page.waitForURL(`**/groups/${chess}`);
    await valueIs(page.getByLabel(`Message Chess Openings ${suffix}`), draft, 'the draft back in its own group');

    await page.reload();
    await page.getByTestId('chat-title').getByText(`Chess Openings ${suffix}`).waitFor();
    await valueIs(page.getByLabel(`Message Chess Openings ${suffix}`), draft, 'the draft after a reload');

    await page.getByTestId(`group-link-${go}`).click();
    await page.waitForURL(`**/groups/${go}`);
    await page.getByTestId('chat-title').getByText(`Go Players ${suffix}`).waitFor();
    await expect(composer().inputValue()).resolves.toBe('');
    expect(await page.getByTestId('message').count()).toBe(0);
    expect(dana.errors).toEqual([]);
  });

  it('sending clears the draft: after a reload the composer is empty', async () => {
    const { page } = dana;
    await page.getByTestId(`group-link-${chess}`).click();
    await page.waitForURL(`**/groups/${chess}`);
    await valueIs(composer(), 'Has anyone tried the Najdorf against 6.Bg5?', 'the draft before sending');
    await composer().press('Enter');
    await messagesWithText(page, 'Has anyone tried the Najdorf against 6.Bg5?').and(page.locator('[data-status="sent"]')).waitFor();
    await expect(composer().inputValue()).resolves.toBe('');

    await page.reload();
    await messagesWithText(page, 'Has anyone tried the Najdorf against 6.Bg5?').waitFor();
    await expect(composer().inputValue()).resolves.toBe('');
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('groupchat.draft.')))).toEqual([]);
    expect(dana.errors).toEqual([]);
  });
});
