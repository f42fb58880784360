// Markup typed by one person into a message, a group's name and description, and a display
// name reaches another person's browser as text: nothing runs, no element is created from it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { TestApp } from '@groupchat/test-kit/app';
import { waitUntil } from '@groupchat/test-kit';
import { startE2eApp } from './support/app';
import { launchBrowser, openPerson, type Person } from './support/browser';
import { createGroupViaUi, messagesWithText, registerViaApi, registerViaUi, sendMessage, signInViaUi, textBecomes, type Account } from './support/people';

const MESSAGE = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2">';
const LINK = '[see the photos](javascript:window.__xss=3)';
const GROUP_NAME = '<img src=x onerror="window.__xss=4">';
const DESCRIPTION = '<script>window.__xss=5</script><svg onload="window.__xss=6"></svg> <b>bold</b>';
const DISPLAY_NAME = '<img src=x onerror=window.__xss=7>';

/** Nothing executed, and no element made from a payload (e.g. an <img> or <svg> the app never renders). */
async function expectInert(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
  const injected = await page.locator('#app').evaluate((app) => ({
    scripts: app.querySelectorAll('script').length,
    imgX: app.querySelectorAll('img[src="x"], img[onerror]').length,
    handlers: [...app.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => /^on/i.test(a.name))).length,
    jsLinks: app.querySelectorAll('a[href^="javascript:" i]').length,
    bold: app.querySelectorAll('b').length,
  }));
  expect(injected).toEqual({ scripts: 0, imgX: 0, handlers: 0, jsLinks: 0, bold: 0 });
}

describe('hostile markup renders inert in another person’s browser', () => {
  let app: TestApp;
  let browser: Browser;
  let mallory: Person;
  let victor: Person;
  let victorAccount: Account;
  let groupId: string;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startE2eApp(), launchBrowser()]);
    [mallory, victor] = await Promise.all([openPerson(browser, app.url), openPerson(browser, app.url)]);
    await registerViaUi(app, mallory.page, { prefix: 'mallory', displayName: DISPLAY_NAME, interests: ['security'] });
    groupId = await createGroupViaUi(mallory.page, { name: GROUP_NAME, description: DESCRIPTION, interests: ['security'] });
    victorAccount = await registerViaApi(app, { prefix: 'victor', displayName: 'Victor Vance', interests: ['security'] });
    await signInViaUi(victor.page, victorAccount);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('the payloads do run when a page renders them as HTML (the check can see an execution)', async () => {
    const control = await victor.context.newPage();
    await control.setContent(`<div>${MESSAGE}</div><div>${DESCRIPTION}</div>`);
    await waitUntil(() => control.evaluate(() => (window as unknown as { __xss?: number }).__xss), { timeoutMs: 5_000, what: 'the control payload to run' });
    await control.close();
  });

  it('a group name and description with markup show as text on Discover and in the chat', async () => {
    const card = victor.page.getByTestId('group-card').filter({ has: victor.page.getByRole('heading', { name: GROUP_NAME, exact: true }) });
    // Recommended by the shared interest once the search index has the group; ask again until then.
    await waitUntil(
      async () => {
        if (await card.first().isVisible()) return true;
        await victor.page.getByTestId('group-search').fill('');
        await victor.page.reload();
        return card
          .first()
          .waitFor({ timeout: 2_000 })
          .then(
            () => true,
            () => false,
          );
      },
      { timeoutMs: 30_000, what: 'the hostile group on Discover' },
    );
    await textBecomes(card.first().locator('.group-card__desc'), DESCRIPTION);
    await expectInert(victor.page);

    await card
      .first()
      .getByRole('button', { name: `Join ${GROUP_NAME}` })
      .click();
    await victor.page.waitForURL(`**/groups/${groupId}`);
    await victor.page.getByTestId('composer-input').waitFor();
    await textBecomes(victor.page.getByTestId('chat-title'), GROUP_NAME);
    await victor.page.getByTestId(`group-link-${groupId}`).getByText(GROUP_NAME, { exact: true }).waitFor();
    await expectInert(victor.page);
  });

  it('a message with markup arrives live as text, and stays text after a reload', async () => {
    await mallory.page.goto(`/groups/${groupId}`);
    await sendMessage(mallory.page, MESSAGE);
    await sendMessage(mallory.page, LINK);

    for (const round of ['live', 'after reload']) {
      if (round === 'after reload') await victor.page.reload();
      const row = messagesWithText(victor.page, MESSAGE);
      await row.waitFor();
      await textBecomes(row.getByTestId('message-text'), MESSAGE);
      await textBecomes(row.getByTestId('message-sender'), DISPLAY_NAME);
      const link = messagesWithText(victor.page, LINK);
      await link.waitFor();
      expect(await link.locator('a').count(), round).toBe(0);
      await expectInert(victor.page);
    }
    await expectInert(mallory.page);
  });

  it('a display name with markup shows as text among the members and while typing', async () => {
    const input = mallory.page.getByTestId('composer-input');
    await input.click();
    const typing = victor.page.getByTestId('typing-indicator');
    await waitUntil(
      async () => {
        await input.press('x');
        return typing
          .getByText(`${DISPLAY_NAME} is typing…`, { exact: true })
          .waitFor({ timeout: 1_500 })
          .then(
            () => true,
            () => false,
          );
      },
      { timeoutMs: 30_000, what: 'the typing indicator' },
    );
    await expectInert(victor.page);

    await victor.page.getByTestId('group-settings-link').click();
    const member = victor.page.getByTestId('member-list').getByTestId('member').filter({ hasText: DISPLAY_NAME });
    await member.waitFor();
    await expectInert(victor.page);

    await mallory.page.goto('/profile');
    await expect(mallory.page.getByLabel('Display name').inputValue()).resolves.toBe(DISPLAY_NAME);
    await expectInert(mallory.page);
    expect([...mallory.errors, ...victor.errors]).toEqual([]);
  });
});
