// An owner promotes a member and pins a message; the group's audit log in the settings lists
// both, who did them and to whom, and filters by action. A removal of the member's message is
// undone from its entry, and the message is back in the chat.
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { TestApp } from '@groupchat/test-kit/app';
import { startE2eApp } from './support/app';
import { launchBrowser, openPerson, type Person } from './support/browser';
import { registerViaApi, signInViaUi } from './support/people';
import { ApiActor } from './support/seed';

describe('the audit log in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  let owner: Person;
  let groupId: string;
  let ownerApi: ApiActor;
  let memberApi: ApiActor;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startE2eApp(), launchBrowser()]);
    owner = await openPerson(browser, app.url);
    const [ownerAccount, memberAccount] = await Promise.all([
      registerViaApi(app, { prefix: 'own', displayName: 'Ola Owner' }),
      registerViaApi(app, { prefix: 'mem', displayName: 'Max Member' }),
    ]);
    ownerApi = await ApiActor.signIn(app, ownerAccount);
    groupId = await ownerApi.createGroup({ name: `Astronomers ${Date.now().toString(36)}`, description: 'Clear skies.', interests: ['stars'] });
    memberApi = await ApiActor.signIn(app, memberAccount);
    await memberApi.seen(ownerApi.lastPosition).join(groupId);
    const messageId = await memberApi.post(groupId, 'Jupiter tonight at 22:00');
    ownerApi.seen(memberApi.lastPosition);
    await ownerApi.call('PUT', `/groups/${groupId}/members/${memberAccount.userId}/role`, { role: 'moderator' });
    await ownerApi.call('PUT', `/groups/${groupId}/pins/${messageId}`);
    await signInViaUi(owner.page, ownerAccount);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('lists the role change and the pin, with who and whom, and filters by action', async () => {
    await owner.page.goto(`/groups/${groupId}/settings`);
    const log = owner.page.getByTestId('audit-log');
    const roleRow = log.getByRole('row').filter({ hasText: 'changed the role of' });
    await roleRow.filter({ hasText: 'Ola Owner' }).filter({ hasText: 'Max Member' }).waitFor();
    await log.getByRole('row').filter({ hasText: 'pinned a message' }).waitFor();
    await log.getByLabel('Show').selectOption({ label: 'pinned a message' });
    await roleRow.waitFor({ state: 'detached' });
    await log.getByRole('row').filter({ hasText: 'pinned a message' }).waitFor();
  });

  it('undoes the removal of a member’s message from its entry, and the message is back in the chat', async () => {
    const messageId = await memberApi.post(groupId, 'Saturn rises at midnight');
    await ownerApi.seen(memberApi.lastPosition).call('DELETE', `/groups/${groupId}/messages/${messageId}`);
    await owner.page.goto(`/groups/${groupId}/settings`);
    const log = owner.page.getByTestId('audit-log');
    const undo = log.getByRole('button', { name: 'Undo: restore the message of Max Member' });
    await undo.click();
    await log.getByRole('status').filter({ hasText: 'The message of Max Member is back in the chat.' }).waitFor();
    await undo.waitFor({ state: 'detached' });
    await owner.page.goto(`/groups/${groupId}`);
    await owner.page.getByText('Saturn rises at midnight').waitFor();
  });
});
