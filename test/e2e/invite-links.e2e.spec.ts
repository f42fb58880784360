// An owner creates an invite link in the settings of a private group; someone who has just
// has no account opens it, registers from the sign-in page it leads to, is back at "Join <group>?",
// joins, and lands in the group's chat.
import { afterAll, beforeAll, describe, it, expect } from 'vitest';
import type { Browser } from 'playwright-core';
import type { TestApp } from '@groupchat/test-kit/app';
import { startE2eApp } from './support/app';
import { launchBrowser, openPerson, type Person } from './support/browser';
import { registerViaApi, registerViaUi, signInViaUi, textBecomes } from './support/people';
import { ApiActor } from './support/seed';
import { waitUntil } from '@groupchat/test-kit';

describe('invite links in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  let owner: Person;
  let newcomer: Person;
  let groupId: string;
  let ownerApi: ApiActor;
  const name = `Lichen lovers ${Date.now().toString(36)}`;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startE2eApp(), launchBrowser()]);
    [owner, newcomer] = await Promise.all([openPerson(browser, app.url), openPerson(browser, app.url)]);
    const ownerAccount = await registerViaApi(app, { prefix: 'own', displayName: 'Olga Owner' });
    ownerApi = await ApiActor.signIn(app, ownerAccount);
    groupId = await ownerApi.createGroup({ name, description: 'Slow growers.', interests: ['lichen'], visibility: 'private' });
    await signInViaUi(owner.page, ownerAccount);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('a link made in settings joins a newly registered user to the private group', async () => {
    await owner.page.goto(`/groups/${groupId}/settings`);
    const section = owner.page.getByTestId('invite-links');
    await section.getByLabel('Expires').selectOption({ label: 'after 7 days' });
    await section.getByLabel('Uses').selectOption({ label: '10' });
    await section.getByRole('button', { name: 'Create link' }).click();
    const url = await section.getByTestId('invite-link-url').inputValue();
    expect(url).toMatch(/\/invite\/[A-Za-z0-9_-]{22}$/);
    await section.getByTestId('invite-link').getByText('0 of 10 uses').waitFor();

    // Signed out, the newcomer opens the link, creates an account from the sign-in page, and is back at the invite.
    await registerViaUi(app, newcomer.page, { prefix: 'new', displayName: 'Nina Newcomer', startAt: new URL(url).pathname, landsOn: `Join ${name}?` });
    await newcomer.page.getByRole('button', { name: `Join ${name}` }).click();
    await newcomer.page.waitForURL(`**/groups/${groupId}`);
    await textBecomes(newcomer.page.getByTestId('chat-title'), name);
  });

  it('an invite by name is listed as pending, and revoking it takes it off the list', async () => {
    const invitee = await registerViaApi(app, { prefix: 'inv', displayName: 'Ivo Invitee' });
    // The search field asks once typing pauses: wait until the new account can be found at all.
    await waitUntil(
      async () => (await ownerApi.call<{ items: { id: string }[] }>('GET', `/users?q=${invitee.username}`)).items.some((u) => u.id === invitee.userId),
      { what: 'the new account to be found by name' },
    );
    await owner.page.goto(`/groups/${groupId}/settings`);
    await owner.page.getByTestId('invite-search').fill(invitee.username);
    await owner.page.getByRole('button', { name: 'Invite Ivo Invitee' }).click();
    const pending = owner.page.getByTestId('pending-invites');
    const row = pending.getByTestId('pending-invite').filter({ hasText: 'Ivo Invitee' });
    await row.filter({ hasText: 'invited by Olga Owner' }).filter({ hasText: 'lapses' }).waitFor();
    await pending.getByRole('button', { name: 'Revoke the invite of Ivo Invitee' }).click();
    await pending.getByRole('status').filter({ hasText: 'The invite of Ivo Invitee is revoked.' }).waitFor();
    await row.waitFor({ state: 'detached' });
  });
});
