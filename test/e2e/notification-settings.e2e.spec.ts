// Notification settings in the browser (docs/notifications.md): a conversation's level and mute
// from the header's menu, by keyboard; the muted bell in header and sidebar; the default in
// Profile; all of it read back from the server after a reload. The push subscription itself
// needs a real push service, which browsers here cannot reach: only /sw.js and its registration.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { TestApp } from '@groupchat/test-kit/app';
import { waitUntil } from '@groupchat/test-kit';
import { startE2eApp } from './support/app';
import { launchBrowser, openPerson, type Person } from './support/browser';
import { PASSWORD, registerViaApi, signInViaUi, textBecomes } from './support/people';
import { ApiActor } from './support/seed';

describe('notification settings in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  let ben: Person;
  let groupId: string;
  let benToken: string;
  const groupName = `Beehive ${Date.now().toString(36)}`;

  const bell = (page: Page) => page.getByTestId('notification-menu-button');
  const menu = (page: Page) => page.getByRole('menu', { name: 'Notifications' });
  const focusedTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
  type Settings = { default: { level: string; pushText: string }; items: { groupId: string; level: string | null; muteUntil: string | null }[] };
  /**
   * A reload forgets this tab's X-Min-Position, so its first read may come before the settings
   * projection has the change: wait until the server shows it, as another device would.
   */
  const onServer = (what: string, check: (s: Settings) => boolean) =>
    waitUntil(
      async () => {
        const res = await fetch(`${app.url}/api/v1/me/notification-settings`, { headers: { authorization: `Bearer ${benToken}` } });
        return res.ok && check((await res.json()) as Settings);
      },
      { what },
    );
  const sidebarMuted = (page: Page) => page.getByTestId(`group-link-${groupId}`).getByTestId('muted-icon');

  beforeAll(async () => {
    [app, browser] = await Promise.all([startE2eApp(), launchBrowser()]);
    ben = await openPerson(browser, app.url);
    const [annAccount, benAccount] = await Promise.all([
      registerViaApi(app, { prefix: 'ann', displayName: 'Ann Apiary' }),
      registerViaApi(app, { prefix: 'ben', displayName: 'Ben Bees' }),
    ]);
    const ann = await ApiActor.signIn(app, annAccount);
    groupId = await ann.createGroup({ name: groupName, description: 'Hives and honey.', interests: ['bees'] });
    await (await ApiActor.signIn(app, benAccount)).seen(ann.lastPosition).join(groupId);
    const login = await fetch(`${app.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: benAccount.username, password: PASSWORD }),
    });
    benToken = ((await login.json()) as { accessToken: string }).accessToken;
    await signInViaUi(ben.page, benAccount);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('sets "Nothing" and mutes for an hour by keyboard; the mute shows in header and sidebar and survives a reload', async () => {
    const { page } = ben;
    await page.goto(`/groups/${groupId}`);
    await expect(bell(page).getAttribute('aria-haspopup')).resolves.toBe('menu');
    await bell(page).focus();

    // Opens on the current choice, which follows the default.
    await page.keyboard.press('Enter');
    await menu(page).waitFor();
    expect(await focusedTestId(page)).toBe('notify-level-mentions');
    await expect(page.getByTestId('notify-level-mentions').getAttribute('aria-checked')).resolves.toBe('true');
    await textBecomes(page.getByTestId('notify-level-mentions'), 'Mentions and replies (default)', { contains: true });

    // Escape closes it and gives focus back to the button.
    await page.keyboard.press('Escape');
    await menu(page).waitFor({ state: 'detached' });
    expect(await focusedTestId(page)).toBe('notification-menu-button');

    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowDown');
    expect(await focusedTestId(page)).toBe('notify-level-none');
    await page.keyboard.press('Enter');
    await menu(page).waitFor({ state: 'detached' });
    await textBecomes(page.getByTestId('chat-status'), 'notify nothing', { contains: true });
    expect(await focusedTestId(page)).toBe('notification-menu-button');

    await page.keyboard.press('Enter');
    expect(await focusedTestId(page)).toBe('notify-level-none');
    await expect(page.getByTestId('notify-level-none').textContent()).resolves.not.toContain('(default)');
    await page.keyboard.press('ArrowDown');
    expect(await focusedTestId(page)).toBe('notify-mute-0');
    await page.keyboard.press('Enter');
    await menu(page).waitFor({ state: 'detached' });

    const muted = /^muted until \d\d:\d\d$/;
    const header = (await textBecomes(page.getByTestId('header-muted'), 'muted until', { contains: true })).trim();
    expect(header).toMatch(muted);
    await expect(page.getByRole('button', { name: `Notifications, ${header}` }).count()).resolves.toBe(1);
    await textBecomes(page.getByTestId('chat-status'), `${groupName} ${header}`, { contains: true });
    await textBecomes(sidebarMuted(page), header, { contains: true });

    await onServer('the mute', (st) => st.items.some((i) => i.groupId === groupId && i.level === 'none' && !!i.muteUntil));
    await page.reload();
    await textBecomes(page.getByTestId('header-muted'), header, { contains: true });
    await textBecomes(sidebarMuted(page), header, { contains: true });
    await bell(page).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('notify-level-none').getAttribute('aria-checked')).resolves.toBe('true');

    // Unmute, then back to the default: the bell is plain again.
    await page.getByTestId('notify-unmute').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('header-muted').waitFor({ state: 'detached' });
    await sidebarMuted(page).waitFor({ state: 'detached' });
    await page.keyboard.press('Enter');
    await page.getByTestId('notify-use-default').click();
    await textBecomes(page.getByTestId('chat-status'), 'follows your default', { contains: true });
    await page.keyboard.press('Enter');
    await textBecomes(page.getByTestId('notify-level-mentions'), '(default)', { contains: true });
    await page.keyboard.press('Escape');
    expect(ben.errors).toEqual([]);
  });

  it('Profile shows the default, and a change sticks after a reload', async () => {
    const { page } = ben;
    await page.goto('/profile');
    const prefs = page.getByTestId('notification-preferences');
    await prefs.getByRole('radio', { name: 'Mentions and replies' }).waitFor();
    await expect(prefs.getByRole('radio', { name: 'Mentions and replies' }).isChecked()).resolves.toBe(true);
    await expect(prefs.getByRole('radio', { name: 'Public groups only' }).isChecked()).resolves.toBe(true);

    await prefs.getByRole('radio', { name: 'All messages' }).check();
    await textBecomes(prefs.getByRole('status'), 'Notification settings saved.');
    await prefs.getByRole('radio', { name: 'Never' }).check();
    await textBecomes(prefs.getByRole('status'), 'Notification settings saved.');

    await onServer('the new default', (st) => st.default.level === 'all' && st.default.pushText === 'never');
    await page.reload();
    await expect.poll(() => prefs.getByRole('radio', { name: 'All messages' }).isChecked(), { timeout: 10_000 }).toBe(true);
    await expect(prefs.getByRole('radio', { name: 'Never' }).isChecked()).resolves.toBe(true);
    await expect(prefs.getByTestId('push-state').textContent()).resolves.toMatch(/^(Off on this browser|Blocked by the browser|Not supported)/);

    // A conversation without its own setting now follows "All messages".
    await page.goto(`/groups/${groupId}`);
    await bell(page).click();
    await textBecomes(page.getByTestId('notify-level-all'), 'All messages (default)', { contains: true });
    await page.keyboard.press('Escape');
    expect(ben.errors).toEqual([]);
  });

  it('serves /sw.js as JavaScript, and it registers', async () => {
    const { page } = ben;
    const res = await page.request.get('/sw.js');
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toMatch(/^(text|application)\/javascript/);
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.register('/sw.js')).scope);
    expect(scope).toBe(`${app.url}/`);
    expect(ben.errors).toEqual([]);
  });
});
