// A member searches the group's messages from the chat header: a message just sent is found
// (read-your-writes through the search index), the hit is highlighted, and markup in a found
// message shows as text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { TestApp } from '@groupchat/test-kit/app';
import { startE2eApp } from './support/app';
import { launchBrowser, openPerson, type Person } from './support/browser';
import { createGroupViaUi, messagesWithText, registerViaApi, sendMessage, signInViaUi, textBecomes } from './support/people';

// No full stop in it: the highlighter cuts fragments at sentence ends, and the whole text should show.
const HOSTILE = `<img src=x onerror="window['__xss']=1"> snorkelling tonight?`;

describe('searching a group’s messages in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  let carol: Person;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startE2eApp(), launchBrowser()]);
    carol = await openPerson(browser, app.url);
    await signInViaUi(carol.page, await registerViaApi(app, { prefix: 'carol', displayName: 'Carol Chen', interests: ['hiking'] }));
    await createGroupViaUi(carol.page, { name: `Summit Planning ${Date.now().toString(36)}`, description: 'Routes, gear and dates.', interests: ['hiking'] });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('finds a message just sent, with the searched word highlighted', async () => {
    const { page } = carol;
    const text = 'Next stop: Kilimanjaro in March, who is in?';
    await sendMessage(page, text);
    await messagesWithText(page, text).and(page.locator('[data-status="sent"]')).waitFor();

    const toggle = page.getByTestId('message-search-toggle');
    await toggle.press('Enter');
    const input = page.getByLabel(/^Search messages in /);
    await expect(input.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await input.fill('kilimanjaro');

    const hit = page.getByTestId('message-search-results').getByTestId('search-hit');
    await hit.first().waitFor({ timeout: 20_000 });
    expect(await hit.count()).toBe(1);
    await textBecomes(hit.getByTestId('search-hit-text'), text);
    await textBecomes(hit.locator('mark'), 'Kilimanjaro');
    await textBecomes(hit.getByTestId('search-hit-sender'), 'You');

    await input.fill('zzyzx');
    await textBecomes(page.getByTestId('message-search-empty'), 'No messages match “zzyzx”.');

    await input.press('Escape');
    await page.getByTestId('message-search').waitFor({ state: 'detached' });
    await expect(toggle.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('false');
  });

  it('shows markup in a found message as text', async () => {
    const { page } = carol;
    await sendMessage(page, HOSTILE);
    await messagesWithText(page, HOSTILE).and(page.locator('[data-status="sent"]')).waitFor();

    await page.getByTestId('message-search-toggle').click();
    await page.getByTestId('message-search-input').fill('snorkelling');
    const hit = page.getByTestId('message-search-results').getByTestId('search-hit');
    await hit.first().waitFor({ timeout: 20_000 });
    await textBecomes(hit.getByTestId('search-hit-text'), HOSTILE);
    await textBecomes(hit.locator('mark'), 'snorkelling');

    const panel = page.getByTestId('message-search');
    expect(await panel.locator('img').count()).toBe(0);
    expect(await panel.evaluate((el) => [...el.querySelectorAll('*')].filter((n) => [...n.attributes].some((a) => /^on/i.test(a.name))).length)).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
    expect(carol.errors).toEqual([]);
  });
});
