// Two people who share a group: one opens the other from the group's member list and sends a
// direct message; the other finds it under Direct messages, apart from the groups, and replies.
// A third, who shares nothing with them, gets a message request and accepts it; then the first
// starts a conversation with both by name.
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { TestApp } from '@groupchat/test-kit/app';
import { startE2eApp } from './support/app';
import { launchBrowser } from './support/browser';
import { messagesWithText, registerViaApi, sendMessage } from './support/people';
import { ApiActor } from './support/seed';
import { twoInAGroup, type Participant } from './support/two-people';

describe('direct messages in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  let ann: Participant;
  let ben: Participant;
  let groupId: string;
  let dmId: string;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startE2eApp(), launchBrowser()]);
    ({
      groupId,
      owner: ann,
      joiner: ben,
    } = await twoInAGroup(
      app,
      browser,
      [
        { prefix: 'ann', displayName: 'Ann Apple' },
        { prefix: 'ben', displayName: 'Ben Birch' },
      ],
      { name: `Cider makers ${Date.now().toString(36)}`, description: 'Pressing season.', interests: ['cider'] },
    ));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it("a DM started from a group member's profile", async () => {
    await ann.page.goto(`/groups/${groupId}/settings`);
    await ann.page.getByTestId('member-list').getByRole('button', { name: 'Message Ben Birch' }).click();
    await ann.page.waitForURL((url) => /\/groups\/[^/]+$/.test(url.pathname) && !url.pathname.endsWith(groupId));
    dmId = new URL(ann.page.url()).pathname.split('/').pop()!;
    await ann.page.getByTestId('chat-title').getByText('Ben Birch').waitFor();
    // A direct conversation has no settings, only a way out.
    await ann.page.getByTestId('leave-dm').waitFor();
    await sendMessage(ann.page, 'Fancy pressing apples on Saturday?');
    await messagesWithText(ann.page, 'Fancy pressing apples on Saturday?').waitFor();

    // Ben comes back to the tab, which looks for new conversations, and finds it apart from the groups.
    await ben.page.reload();
    const link = ben.page.getByTestId('dm-nav').getByRole('link', { name: /Ann Apple/ });
    await link.waitFor({ timeout: 30_000 });
    await ben.page.getByTestId('group-nav').getByText('Ann Apple').waitFor({ state: 'detached' });
    await link.click();
    await ben.page.waitForURL(`**/groups/${dmId}`);
    await ben.page.getByTestId('chat-title').getByText('Ann Apple').waitFor();
    await messagesWithText(ben.page, 'Fancy pressing apples on Saturday?').waitFor();
    await sendMessage(ben.page, 'Yes, I will bring the press.');
    await messagesWithText(ann.page, 'Yes, I will bring the press.').waitFor({ timeout: 20_000 });
  });

  it('a message request from someone sharing no group is accepted from the sidebar', async () => {
    const cal = await registerViaApi(app, { prefix: 'cal', displayName: 'Cal Cherry' });
    const calApi = await ApiActor.signIn(app, cal);
    const requested = await calApi.openDm([ben.account.userId], true);
    // Cal reads it back at the request's position, so the read model has it when Ben's page looks.
    await calApi.dms();

    await ben.page.reload();
    const request = ben.page.getByTestId('dm-request').filter({ hasText: 'Cal Cherry' });
    await request.waitFor({ timeout: 30_000 });
    await request.getByRole('button', { name: 'Accept the request from Cal Cherry' }).click();
    await ben.page.waitForURL(`**/groups/${requested}`);
    await ben.page.getByTestId('composer-input').waitFor();
    await ben.page
      .getByTestId('dm-nav')
      .getByRole('link', { name: /Cal Cherry/ })
      .waitFor();
  });

  it('a small group conversation is started by name, with a request for the one who shares no group', async () => {
    await ann.page.goto('/');
    await ann.page.getByTestId('dm-new').click();
    const search = ann.page.getByTestId('dm-new-search');
    for (const name of ['Ben Birch', 'Cal Cherry']) {
      await search.fill(name.split(' ')[0]!);
      await ann.page.getByRole('button', { name: `Add ${name}` }).click({ timeout: 20_000 });
    }
    ann.page.once('dialog', (d) => void d.accept());
    await ann.page.getByRole('button', { name: 'Start' }).click();
    // Named by the others, those in it before those asked.
    await ann.page.getByTestId('chat-title').getByText('Ben Birch, Cal Cherry', { exact: true }).waitFor();
  });
});
