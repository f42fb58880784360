// A member asks for their data in the profile, follows the progress, and downloads a zip that
// holds their message, their upload's listing and their profile.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import type { Browser } from 'playwright-core';
import type { TestApp } from '@groupchat/test-kit/app';
import { startE2eApp } from './support/app';
import { launchBrowser, openPerson, type Person } from './support/browser';
import { registerViaApi, signInViaUi } from './support/people';
import { ApiActor } from './support/seed';

describe('downloading one’s data in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  let person: Person;
  let account: Awaited<ReturnType<typeof registerViaApi>>;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startE2eApp(), launchBrowser()]);
    person = await openPerson(browser, app.url);
    account = await registerViaApi(app, { prefix: 'exp', displayName: 'Esme Export' });
    const actor = await ApiActor.signIn(app, account);
    const groupId = await actor.createGroup({ name: `Bakers ${Date.now().toString(36)}`, description: 'Bread.', interests: ['baking'] });
    await actor.post(groupId, 'Sourdough needs patience');
    // Read back at the actor's position: the message is in the read model the export reads.
    expect((await actor.history(groupId)).map((m) => m.text)).toContain('Sourdough needs patience');
    await signInViaUi(person.page, account);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('prepares the export with its progress announced, and downloads a zip of the member’s data', async () => {
    await person.page.goto('/profile');
    const card = person.page.getByTestId('data-export');
    await card.getByRole('button', { name: 'Prepare an export' }).click();
    await card
      .getByRole('status')
      .filter({ hasText: /Preparing your data|ready to download/ })
      .waitFor();
    const downloadButton = card.getByRole('button', { name: 'Download your data' });
    await downloadButton.waitFor({ timeout: 60_000 });
    await card.getByRole('status').filter({ hasText: 'Your data is ready to download.' }).waitFor();
    const [download] = await Promise.all([person.page.waitForEvent('download'), downloadButton.click()]);
    expect(download.suggestedFilename()).toMatch(/^groupchat-data-\d{4}-\d\d-\d\d\.zip$/);
    const files = unzipSync(new Uint8Array(await readFile((await download.path())!)));
    expect(JSON.parse(strFromU8(files['profile.json']!))).toMatchObject({ username: account.username, displayName: 'Esme Export' });
    const conversation = Object.keys(files).find((n) => n.startsWith('messages/Bakers-'))!;
    expect(JSON.parse(strFromU8(files[conversation]!)).messages.map((m: { text: string }) => m.text)).toEqual(['Sourdough needs patience']);
  });
});
