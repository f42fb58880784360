// Someone blocks a member from the member list: that member's messages, old and new, collapse
// for them alone, and open on request; the blocked member sees nothing change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { TestApp } from '@groupchat/test-kit/app';
import { startE2eApp } from './support/app';
import { launchBrowser, openPerson, type Person } from './support/browser';
import { messagesWithText, registerViaApi, sendMessage, signInViaUi } from './support/people';
import { ApiActor } from './support/seed';

describe('blocking in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  let ann: Person;
  let ben: Person;
  let groupId: string;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startE2eApp(), launchBrowser()]);
    [ann, ben] = await Promise.all([openPerson(browser, app.url), openPerson(browser, app.url)]);
    const [annAccount, benAccount] = await Promise.all([
      registerViaApi(app, { prefix: 'ann', displayName: 'Ann Apple' }),
      registerViaApi(app, { prefix: 'ben', displayName: 'Ben Birch' }),
    ]);
    const annApi = await ApiActor.signIn(app, annAccount);
    groupId = await annApi.createGroup({ name: `Knitters ${Date.now().toString(36)}`, description: 'Purl.', interests: ['wool'] });
    await (await ApiActor.signIn(app, benAccount)).seen(annApi.lastPosition).join(groupId);
    await Promise.all([signInViaUi(ann.page, annAccount), signInViaUi(ben.page, benAccount)]);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it("collapses the blocked member's messages for the blocker only", async () => {
    await ben.page.goto(`/groups/${groupId}`);
    await sendMessage(ben.page, 'Buy my yarn, best prices');
    await ann.page.goto(`/groups/${groupId}/settings`);
    const block = ann.page.getByTestId('member-list').getByRole('button', { name: 'Block Ben Birch' });
    await block.click();
    await ann.page.getByTestId('moderation-status').getByText('You blocked Ben Birch').waitFor();
    expect(await block.getAttribute('aria-pressed')).toBe('true');

    await ann.page.goto(`/groups/${groupId}`);
    const collapsed = ann.page.getByTestId('message-blocked');
    await collapsed.first().waitFor();
    expect(await messagesWithText(ann.page, 'Buy my yarn, best prices').count()).toBe(0);
    // A new message arrives live, collapsed too; Ben sees his own as always.
    await sendMessage(ben.page, 'Still selling yarn');
    await ann.page.waitForFunction(() => document.querySelectorAll('[data-testid="message-blocked"]').length === 2);
    await messagesWithText(ben.page, 'Still selling yarn').waitFor();
    expect(await ben.page.getByTestId('message-blocked').count()).toBe(0);
    await collapsed.first().getByRole('button', { name: 'Show it' }).click();
    await messagesWithText(ann.page, 'Buy my yarn, best prices').waitFor();
  });
});
