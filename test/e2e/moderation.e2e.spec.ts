// An owner times a member out from the member list (their composer waits, saying until when),
// then bans them with the keyboard: the banned person is shown why they cannot read or rejoin,
// and once the owner lifts the ban in the group's settings they can join again.
import { afterAll, beforeAll, describe, it, expect } from 'vitest';
import type { Browser } from 'playwright-core';
import type { TestApp } from '@groupchat/test-kit/app';
import { startE2eApp } from './support/app';
import { launchBrowser, openPerson, type Person } from './support/browser';
import { registerViaApi, sendMessage, signInViaUi, type Account } from './support/people';
import { ApiActor } from './support/seed';

describe('bans and timeouts in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  let owner: Person;
  let member: Person;
  let memberAccount: Account;
  let groupId: string;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startE2eApp(), launchBrowser()]);
    [owner, member] = await Promise.all([openPerson(browser, app.url), openPerson(browser, app.url)]);
    const [ownerAccount, account] = await Promise.all([
      registerViaApi(app, { prefix: 'own', displayName: 'Olga Owner' }),
      registerViaApi(app, { prefix: 'mem', displayName: 'Milo Member' }),
    ]);
    memberAccount = account;
    const ownerApi = await ApiActor.signIn(app, ownerAccount);
    groupId = await ownerApi.createGroup({ name: `Birdwatchers ${Date.now().toString(36)}`, description: 'Binoculars out.', interests: ['birds'] });
    await (await ApiActor.signIn(app, memberAccount)).seen(ownerApi.lastPosition).join(groupId);
    await Promise.all([signInViaUi(owner.page, ownerAccount), signInViaUi(member.page, memberAccount)]);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('a timeout disables the composer with its end; a ban shows why and lifting it lets them join again', async () => {
    await owner.page.goto(`/groups/${groupId}/settings`);
    const members = owner.page.getByTestId('member-list');
    // Escape closes the form and hands the focus back.
    await members.getByRole('button', { name: 'Moderate Milo Member' }).click();
    await owner.page.keyboard.press('Escape');
    await owner.page.getByRole('form', { name: 'Moderate Milo Member' }).waitFor({ state: 'detached' });
    await owner.page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Moderate Milo Member');
    await members.getByRole('button', { name: 'Moderate Milo Member' }).click();
    const form = owner.page.getByRole('form', { name: 'Moderate Milo Member' });
    await form.getByLabel('Time out for').selectOption({ label: '1 hour' });
    await form.getByLabel('Reason (moderators see it)').fill('cool down');
    await form.getByRole('button', { name: 'Time out Milo Member' }).click();
    await owner.page.getByTestId('moderation-status').getByText('Milo Member cannot post or react for 1 hour.').waitFor();

    await member.page.goto(`/groups/${groupId}`);
    await member.page.getByText(/A moderator has timed you out: you can post and react again at/).waitFor();
    expect(await member.page.getByTestId('send-button').isDisabled()).toBe(true);

    // The ban, by keyboard: open, choose Ban, then confirm.
    await members.getByRole('button', { name: 'Moderate Milo Member' }).focus();
    await owner.page.keyboard.press('Enter');
    await form.getByRole('radio', { name: /Ban/ }).check();
    await form.getByLabel('Ban for').selectOption({ label: '1 week' });
    await form.getByRole('button', { name: 'Ban Milo Member' }).press('Enter');
    await owner.page.getByTestId('moderation-status').getByText('Milo Member is banned for 1 week.').waitFor();
    await members.getByRole('button', { name: 'Moderate Milo Member' }).waitFor({ state: 'detached' });
    const bans = owner.page.getByTestId('bans');
    await bans.getByText('Milo Member').waitFor();

    await member.page.reload();
    await member.page
      .getByTestId('banned-notice')
      .getByText(/You are banned from this group until/)
      .waitFor();
    expect(await member.page.getByRole('button', { name: 'Join group' }).count()).toBe(0);

    await bans.getByRole('button', { name: 'Lift the ban of Milo Member' }).click();
    await bans.getByText('The ban of Milo Member is lifted; they may join again.').waitFor();
    await member.page.reload();
    await member.page.getByRole('button', { name: 'Join group' }).click();
    await member.page.getByTestId('send-button').waitFor();
  });

  it('refuses a blocked word the owner set, telling the sender why', async () => {
    await owner.page.goto(`/groups/${groupId}/settings`);
    const automod = owner.page.getByTestId('auto-moderation');
    await automod.getByLabel('Blocked words and patterns, one per line').fill('durian');
    await automod.getByLabel('Do not send it').check();
    await automod.getByRole('button', { name: 'Save automatic moderation' }).click();
    await automod.getByText('Automatic moderation saved: 1 blocked entry.').waitFor();

    // A newcomer (the member above is still timed out) tries it.
    const newcomer = await openPerson(browser, app.url);
    const account = await registerViaApi(app, { prefix: 'new', displayName: 'Nia Newcomer' });
    await (await ApiActor.signIn(app, account)).join(groupId);
    await signInViaUi(newcomer.page, account);
    await newcomer.page.goto(`/groups/${groupId}`);
    await sendMessage(newcomer.page, 'I brought DURIAN for everyone');
    await newcomer.page
      .getByTestId('message-status')
      .getByText(/does not allow some of the words/)
      .waitFor();
  });
});
