// An owner sets "Delete messages older than" on the group settings page: the choice is announced,
// reaches the group (GET /groups/:id shows retentionDays) and survives a reload; "Never" clears it.
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { TestApp } from '@groupchat/test-kit/app';
import { waitUntil } from '@groupchat/test-kit';
import { startE2eApp } from './support/app';
import { launchBrowser, openPerson, type Person } from './support/browser';
import { registerViaApi, signInViaUi } from './support/people';
import { ApiActor } from './support/seed';

describe('message retention in the group settings', () => {
  let app: TestApp;
  let browser: Browser;
  let owner: Person;
  let ownerApi: ApiActor;
  let groupId: string;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startE2eApp(), launchBrowser()]);
    owner = await openPerson(browser, app.url);
    const account = await registerViaApi(app, { prefix: 'ret', displayName: 'Rita Retainer' });
    ownerApi = await ApiActor.signIn(app, account);
    groupId = await ownerApi.createGroup({ name: `Archivists ${Date.now().toString(36)}`, description: 'Short memories.', interests: ['archives'] });
    await signInViaUi(owner.page, account);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** Bounded polling until the group detail shows `days`. */
  const retentionBecomes = (days: number | null) =>
    waitUntil(async () => ((await ownerApi.call<{ retentionDays: number | null }>('GET', `/groups/${groupId}`)).retentionDays === days ? true : undefined), {
      what: `retentionDays ${days}`,
    });

  it('sets and clears "Delete messages older than" through its labelled select, and announces each', async () => {
    await owner.page.goto(`/groups/${groupId}/settings`);
    const select = owner.page.getByLabel('Delete messages older than');
    await select.selectOption({ label: '30 days' });
    await owner.page.getByRole('button', { name: 'Save retention' }).click();
    await owner.page.getByRole('status').filter({ hasText: 'Messages older than 30 days are deleted.' }).waitFor();
    await retentionBecomes(30);

    await owner.page.reload();
    const shown = owner.page.getByLabel('Delete messages older than').locator('option:checked');
    await waitUntil(async () => ((await shown.textContent()) === '30 days' ? true : undefined), { what: 'the saved choice after reload' });
    await owner.page.getByLabel('Delete messages older than').selectOption({ label: 'Never (keep forever)' });
    await owner.page.getByRole('button', { name: 'Save retention' }).click();
    await owner.page.getByRole('status').filter({ hasText: 'Messages are kept forever.' }).waitFor();
    await retentionBecomes(null);
  });
});
