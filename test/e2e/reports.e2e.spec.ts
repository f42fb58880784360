// A member reports a spammer's message from the message's menu; the owner finds it in the group
// settings' Reports and resolves it with a ban: the spammer leaves the member list, and the
// reporter's profile shows the report as "Member banned".
import { afterAll, beforeAll, describe, it, expect } from 'vitest';
import type { Browser } from 'playwright-core';
import type { TestApp } from '@groupchat/test-kit/app';
import { startE2eApp } from './support/app';
import { launchBrowser, openPerson, type Person } from './support/browser';
import { messagesWithText, registerViaApi, signInViaUi } from './support/people';
import { ApiActor } from './support/seed';

describe('reports in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  let owner: Person;
  let reporter: Person;
  let groupId: string;
  const spam = `Cheap watches at example.test ${Date.now().toString(36)}`;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startE2eApp(), launchBrowser()]);
    [owner, reporter] = await Promise.all([openPerson(browser, app.url), openPerson(browser, app.url)]);
    const [ownerAccount, reporterAccount, spammerAccount] = await Promise.all([
      registerViaApi(app, { prefix: 'own', displayName: 'Olga Owner' }),
      registerViaApi(app, { prefix: 'rep', displayName: 'Rita Reporter' }),
      registerViaApi(app, { prefix: 'spam', displayName: 'Sam Spammer' }),
    ]);
    const ownerApi = await ApiActor.signIn(app, ownerAccount);
    groupId = await ownerApi.createGroup({ name: `Gardeners ${Date.now().toString(36)}`, description: 'Soil and seeds.', interests: ['gardening'] });
    const [reporterApi, spammerApi] = await Promise.all([ApiActor.signIn(app, reporterAccount), ApiActor.signIn(app, spammerAccount)]);
    await Promise.all([reporterApi.seen(ownerApi.lastPosition).join(groupId), spammerApi.seen(ownerApi.lastPosition).join(groupId)]);
    await spammerApi.post(groupId, spam);
    await Promise.all([signInViaUi(owner.page, ownerAccount), signInViaUi(reporter.page, reporterAccount)]);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('a reported message reaches the owner, who bans its sender; the reporter sees the outcome', async () => {
    const page = reporter.page;
    await page.goto(`/groups/${groupId}`);
    const message = messagesWithText(page, spam);
    await message.hover();
    // Escape closes the dialog and hands the focus back to the Report button.
    await message.getByRole('button', { name: 'Report message' }).click();
    const dialog = page.getByRole('dialog', { name: "Report Sam Spammer's message" });
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Report message');

    await message.hover();
    await message.getByRole('button', { name: 'Report message' }).click();
    // A reason is required.
    await dialog.getByRole('button', { name: 'Send report' }).click();
    await dialog.getByText('Say what is wrong.').waitFor();
    await dialog.getByLabel('Reason').fill('Spam: the same advert in every group');
    await dialog.getByRole('button', { name: 'Send report' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('chat-status').getByText("Report sent to the group's moderators").waitFor();

    // Once only: a second report of the same message says so.
    await message.hover();
    await message.getByRole('button', { name: 'Report message' }).click();
    await dialog.getByLabel('Reason').fill('again');
    await dialog.getByRole('button', { name: 'Send report' }).click();
    await dialog.getByRole('alert').getByText('You have already reported this').waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });

    await owner.page.goto(`/groups/${groupId}/settings`);
    const reports = owner.page.getByTestId('reports');
    const report = reports.getByTestId('report').filter({ hasText: 'Spam: the same advert in every group' });
    await report.getByText(spam).waitFor();
    expect(await report.textContent()).toContain('Rita Reporter reported Sam Spammer');
    const members = owner.page.getByTestId('member-list');
    await members.getByText('Sam Spammer', { exact: true }).waitFor();
    owner.page.once('dialog', (d) => void d.accept());
    await report.getByRole('button', { name: 'Ban' }).click();
    await reports.getByTestId('reports-status').getByText('Sam Spammer is banned.').waitFor();
    await members.getByText('Sam Spammer', { exact: true }).waitFor({ state: 'detached' });
    await owner.page.getByTestId('bans').getByText('Sam Spammer').waitFor();

    // Resolved reports show the action and who took it.
    await reports.getByRole('radio', { name: 'Resolved' }).check();
    await reports.getByTestId('report-outcome').getByText('Member banned by Olga Owner').waitFor();

    await page.goto('/profile');
    const mine = page.getByTestId('my-reports').getByTestId('my-report').filter({ hasText: 'Spam: the same advert in every group' });
    await mine.getByTestId('my-report-outcome').getByText('Member banned').waitFor();
  });

  it('reports a member from the member list, by keyboard; Escape cancels', async () => {
    const page = reporter.page;
    await page.goto(`/groups/${groupId}/settings`);
    const members = page.getByTestId('member-list');
    expect(await members.getByRole('button', { name: 'Report Rita Reporter' }).count()).toBe(0);
    const open = members.getByRole('button', { name: 'Report Olga Owner' });
    await open.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Report Olga Owner' });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Report Olga Owner');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Mocks newcomers in every thread');
    await dialog.getByRole('button', { name: 'Send report' }).press('Enter');
    await page.getByTestId('moderation-status').getByText("Report sent to the group's moderators").waitFor();
    await page.goto('/profile');
    const mine = page.getByTestId('my-report').filter({ hasText: 'Mocks newcomers in every thread' });
    await mine.getByTestId('my-report-outcome').getByText('Open').waitFor();
  });
});
