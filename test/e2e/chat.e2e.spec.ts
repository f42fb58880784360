// Two people in two browser contexts: one signs up through the form and starts a group, the
// other finds it and joins; they chat in real time, see each other typing, share an image, and
// catch up exactly once after a dropped connection.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { TestApp } from '@groupchat/test-kit/app';
import { waitUntil } from '@groupchat/test-kit';
import { startE2eApp } from './support/app';
import { controlRealtime, launchBrowser, openPerson, type Person } from './support/browser';
import {
  createGroupViaUi,
  makePng,
  messagesWithText,
  registerViaApi,
  registerViaUi,
  sendMessage,
  signInViaUi,
  textBecomes,
  type Account,
} from './support/people';

describe('two people chatting in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  let alice: Person;
  let bob: Person;
  let bobAccount: Account;
  let bobSocket: Awaited<ReturnType<typeof controlRealtime>>;
  let groupId: string;
  const groupName = `Bouldering Buddies ${Date.now().toString(36)}`;

  /** A value set on the page's window; it survives only while the page is not reloaded. */
  const markPage = (page: Page) => page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
  const stillSamePage = (page: Page) => page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload === true);

  beforeAll(async () => {
    [app, browser] = await Promise.all([startE2eApp(), launchBrowser()]);
    [alice, bob] = await Promise.all([openPerson(browser, app.url), openPerson(browser, app.url)]);
    bobSocket = await controlRealtime(bob.page);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('one signs up through the form and starts a group; the other finds it by search and joins', async () => {
    await registerViaUi(app, alice.page, { prefix: 'alice', displayName: 'Alice Archer', interests: ['climbing'] });
    groupId = await createGroupViaUi(alice.page, {
      name: groupName,
      description: 'Weekly sessions at the wall, all levels welcome.',
      interests: ['climbing', 'outdoors'],
    });
    await alice.page.getByTestId('chat-title').getByText(groupName).waitFor();

    bobAccount = await registerViaApi(app, { prefix: 'bob', displayName: 'Bob Baker', interests: ['climbing'] });
    await signInViaUi(bob.page, bobAccount);
    const search = bob.page.getByTestId('group-search');
    await search.fill(groupName);
    const join = bob.page.getByTestId('search-results').getByRole('button', { name: `Join ${groupName}` });
    // The search index follows the log; ask again until the new group is in it.
    await waitUntil(
      async () => {
        if (await join.isVisible()) return true;
        await search.press('Enter');
        return join.waitFor({ timeout: 1_000 }).then(
          () => true,
          () => false,
        );
      },
      { timeoutMs: 30_000, what: 'the new group in the search results' },
    );
    await join.click();
    await bob.page.waitForURL(`**/groups/${groupId}`);
    await bob.page.getByTestId('composer-input').waitFor();
    await bob.page.getByTestId('chat-title').getByText(groupName).waitFor();
    await bob.page.getByTestId(`group-link-${groupId}`).waitFor();
  });

  it('each sees the other typing and the other’s messages without reloading', async () => {
    await Promise.all([markPage(alice.page), markPage(bob.page)]);

    // Typing is announced at most every few seconds and shown for a few: keep typing until Bob sees it.
    const aliceInput = alice.page.getByTestId('composer-input');
    const typing = bob.page.getByTestId('typing-indicator');
    await aliceInput.click();
    await waitUntil(
      async () => {
        await aliceInput.press('x');
        return typing
          .getByText('Alice Archer is typing…')
          .waitFor({ timeout: 1_500 })
          .then(
            () => true,
            () => false,
          );
      },
      { timeoutMs: 30_000, what: 'the typing indicator' },
    );
    await aliceInput.fill('');

    const hello = 'Hi Bob! Are you coming to the wall on Thursday?';
    await sendMessage(alice.page, hello);
    await messagesWithText(bob.page, hello).waitFor();
    await messagesWithText(alice.page, hello).and(alice.page.locator('[data-status="sent"]')).waitFor();
    await textBecomes(messagesWithText(bob.page, hello).getByTestId('message-sender'), 'Alice Archer');

    const reply = 'Yes — see you at 7. I will bring the spare chalk bag.';
    await sendMessage(bob.page, reply);
    await messagesWithText(alice.page, reply).waitFor();

    for (const page of [alice.page, bob.page]) {
      expect(await messagesWithText(page, hello).count()).toBe(1);
      expect(await messagesWithText(page, reply).count()).toBe(1);
      expect(await stillSamePage(page)).toBe(true);
    }
  });

  it('an uploaded image shows as a loaded thumbnail for the other member', async () => {
    await bob.page.getByTestId('file-input').setInputFiles({ name: 'route-map.png', mimeType: 'image/png', buffer: await makePng(160, 100) });
    await bob.page.locator('[data-testid="upload"][data-status="done"]').waitFor({ timeout: 30_000 });
    const caption = 'The new route map';
    await sendMessage(bob.page, caption);

    const row = messagesWithText(alice.page, caption);
    await row.waitFor();
    const img = row.getByTestId('attachment-image').locator('img');
    await img.waitFor({ timeout: 30_000 });
    await waitUntil(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0), { timeoutMs: 15_000, what: 'the thumbnail to load' });
    const size = await img.evaluate((el: HTMLImageElement) => ({ w: el.naturalWidth, h: el.naturalHeight, src: el.src }));
    expect(size.w).toBeGreaterThan(0);
    expect(size.h).toBeGreaterThan(0);
    expect(size.src).toMatch(/^blob:/);
    expect(await stillSamePage(alice.page)).toBe(true);
  });

  it('messages sent while the connection is down appear exactly once after it comes back', async () => {
    const before = await bob.page.getByTestId('message').count();
    expect(bobSocket.open).toBeGreaterThan(0);
    await bobSocket.drop();
    const banner = bob.page.getByTestId('offline-banner');
    await banner.waitFor();

    const missed = ['First one while you were away', 'Second: the wall closes at 10', 'Third: bring your own rope'];
    for (const text of missed) {
      await sendMessage(alice.page, text);
      await messagesWithText(alice.page, text).and(alice.page.locator('[data-status="sent"]')).waitFor();
    }
    // Bob's browser keeps trying and is refused while the outage lasts.
    await waitUntil(() => bobSocket.refused > 0, { timeoutMs: 15_000, what: 'a refused reconnection attempt' });
    for (const text of missed) expect(await messagesWithText(bob.page, text).count()).toBe(0);
    await expect(banner.isVisible()).resolves.toBe(true);

    bobSocket.restore();
    await banner.waitFor({ state: 'detached', timeout: 30_000 });
    for (const text of missed) await messagesWithText(bob.page, text).waitFor();

    // Let any late replay or duplicate arrive before counting.
    await sendMessage(alice.page, 'Welcome back!');
    await messagesWithText(bob.page, 'Welcome back!').waitFor();
    for (const text of missed) expect(await messagesWithText(bob.page, text).count(), text).toBe(1);
    expect(await bob.page.getByTestId('message').count()).toBe(before + missed.length + 1);
    expect(await alice.page.getByTestId('message').count()).toBe(before + missed.length + 1);
    expect(await stillSamePage(bob.page)).toBe(true);
    expect([...alice.errors, ...bob.errors]).toEqual([]);
  });
});
