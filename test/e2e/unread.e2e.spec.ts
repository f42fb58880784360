// Unread counts come from the server: the same after a reload, and the same on a second device
// of the same person, which sees the count go once the first one reads the conversation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { TestApp } from '@groupchat/test-kit/app';
import { startE2eApp } from './support/app';
import { launchBrowser, openPerson, type Person } from './support/browser';
import { messagesWithText, signInViaUi, textBecomes, type Account } from './support/people';
import { ApiActor } from './support/seed';
import { sharedGroup } from './support/two-people';

describe('unread counts in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  let laptop: Person;
  let phone: Person;
  let ben: Account;
  let ann: ApiActor;
  let groupId: string;
  const groupName = `Orchard ${Date.now().toString(36)}`;

  const link = (page: Page) => page.getByTestId(`group-link-${groupId}`);
  const badge = (page: Page) => link(page).getByTestId('unread-count');

  beforeAll(async () => {
    [app, browser] = await Promise.all([startE2eApp(), launchBrowser()]);
    [laptop, phone] = await Promise.all([openPerson(browser, app.url), openPerson(browser, app.url)]);
    const shared = await sharedGroup(
      app,
      [
        { prefix: 'ann', displayName: 'Ann Apple' },
        { prefix: 'ben', displayName: 'Ben Birch' },
      ],
      { name: groupName, description: 'Grafting and pruning.', interests: ['trees'] },
    );
    [groupId, ann, ben] = [shared.groupId, shared.owner.api, shared.joiner.account];
    await Promise.all([signInViaUi(laptop.page, ben), signInViaUi(phone.page, ben)]);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('shows the count of what others sent, the same after a reload and on the second device; reading on one clears both', async () => {
    await ann.post(groupId, 'Pruning on Sunday?');
    await ann.post(groupId, '@here bring saws');
    await ann.post(groupId, 'Ten o’clock at the gate');
    const shown = await textBecomes(badge(laptop.page), '@ 3', { contains: true });
    await textBecomes(badge(phone.page), shown);
    await expect(badge(laptop.page).textContent()).resolves.toContain('3 unread, 1 mentioning you');

    await laptop.page.reload();
    await textBecomes(badge(laptop.page), shown);

    await link(laptop.page).click();
    await messagesWithText(laptop.page, 'Ten o’clock at the gate').waitFor();
    await badge(phone.page).waitFor({ state: 'detached' });
    await badge(laptop.page).waitFor({ state: 'detached' });

    await phone.page.reload();
    await link(phone.page).waitFor();
    await expect(badge(phone.page).count()).resolves.toBe(0);
    expect([...laptop.errors, ...phone.errors]).toEqual([]);
  });

  it('marks every conversation read at once, for good', async () => {
    await laptop.page.goto('/');
    await ann.post(groupId, 'Saws are in the shed');
    await ann.post(groupId, 'Gloves too');
    await textBecomes(badge(phone.page), '2', { contains: true });
    await phone.page.getByTestId('mark-all-read').click();
    await badge(phone.page).waitFor({ state: 'detached' });
    await badge(laptop.page).waitFor({ state: 'detached' });
    await phone.page.getByTestId('mark-all-read').waitFor({ state: 'detached' });
    expect([...laptop.errors, ...phone.errors]).toEqual([]);
  });

  it('opens a conversation with a "New messages" line at the marker', async () => {
    await ann.post(groupId, 'Ladders next week');
    await textBecomes(badge(laptop.page), '1', { contains: true });
    await link(laptop.page).click();
    const line = laptop.page.getByRole('separator', { name: 'New messages' });
    await line.waitFor();
    const y = async (text: string) => (await messagesWithText(laptop.page, text).boundingBox())!.y;
    const at = (await line.boundingBox())!.y;
    expect(await y('Gloves too')).toBeLessThan(at);
    expect(await y('Ladders next week')).toBeGreaterThan(at);
    expect(laptop.errors).toEqual([]);
  });

  it('shows the unread replies of a followed thread in the Threads list; reading the thread clears them on both devices, for good', async () => {
    const root = `Which rootstock? ${Date.now().toString(36)}`;
    const { messageId: rootId } = await ann.call<{ messageId: string }>('POST', `/groups/${groupId}/messages`, {
      clientMessageId: `r${Date.now()}`,
      text: root,
    });
    const benApi = (await ApiActor.signIn(app, ben)).seen(ann.lastPosition);
    await benApi.call('POST', `/groups/${groupId}/messages`, { clientMessageId: `b${Date.now()}`, text: 'M26 for me', threadId: rootId });
    ann.seen(benApi.lastPosition);
    for (const text of ['MM106 is hardier', 'Seedling for a big tree'])
      await ann.call('POST', `/groups/${groupId}/messages`, { clientMessageId: `a${Math.random().toString(36).slice(2)}`, text, threadId: rootId });

    const item = (page: Page) => page.getByTestId('followed-thread').filter({ hasText: root });
    const count = (page: Page) => item(page).getByTestId('thread-unread-count');
    await Promise.all([laptop.page.goto('/threads'), phone.page.goto('/threads')]);
    for (const page of [laptop.page, phone.page]) await textBecomes(count(page), '2 unread replies', { contains: true });

    await item(laptop.page).getByRole('link').click();
    await laptop.page.getByTestId('thread-replies').getByText('Seedling for a big tree').waitFor();
    await count(phone.page).waitFor({ state: 'detached' });

    await laptop.page.goto('/threads');
    await item(laptop.page).waitFor();
    await expect(count(laptop.page).count()).resolves.toBe(0);
    await phone.page.reload();
    await item(phone.page).waitFor();
    await expect(count(phone.page).count()).resolves.toBe(0);
    expect([...laptop.errors, ...phone.errors]).toEqual([]);
  });
});
