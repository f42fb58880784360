// Two people in two browser contexts: a fenced code block with markup in it reaches the other
// as literal code; a mention completed in the composer arrives highlighted and marked as
// mentioning them; an emoji completed by shortcode comes from the emoji data the app serves;
// and who reacted shows on hover.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { TestApp } from '@groupchat/test-kit/app';
import { waitUntil } from '@groupchat/test-kit';
import { startE2eApp } from './support/app';
import { launchBrowser } from './support/browser';
import { textBecomes } from './support/people';
import { openChat, twoInAGroup, type Participant } from './support/two-people';

const CODE = '<img src=x onerror="window.__xss=1">';

/** The newest message row whose text contains `text`. */
const rowWith = (page: Page, text: string) => page.getByTestId('message').filter({ hasText: text }).last();

describe('the composer’s formatting, mentions and emoji between two people', () => {
  let app: TestApp;
  let browser: Browser;
  let alice: Participant;
  let bob: Participant;
  let groupId: string;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startE2eApp(), launchBrowser()]);
    ({
      groupId,
      owner: alice,
      joiner: bob,
    } = await twoInAGroup(
      app,
      browser,
      [
        { prefix: 'alice', displayName: 'Alice Archer' },
        { prefix: 'bob', displayName: 'Bob Baker' },
      ],
      { name: `Markup ${Date.now().toString(36)}`, description: 'Formatting in the browser', interests: ['code'] },
    ));
    // The members list is a read model: the composer reads it once the join is in it.
    expect((await alice.api.members(groupId)).map((m) => m.userId)).toContain(bob.account.userId);
    await openChat(groupId, alice, bob);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('a fenced code block made with the toolbar stays text, with its language', async () => {
    const input = alice.page.getByTestId('composer-input');
    await input.fill(CODE);
    await input.press('ControlOrMeta+a');
    await alice.page.getByRole('button', { name: 'Code block (Ctrl+Shift+E)' }).click();
    expect(await input.inputValue()).toBe(`\`\`\`\n${CODE}\n\`\`\``);
    // The language goes after the opening fence.
    await input.press('ControlOrMeta+Home');
    await input.press('End');
    await input.pressSequentially('html');
    await alice.page.getByRole('button', { name: 'Preview', exact: true }).click();
    expect(await alice.page.getByRole('button', { name: 'Preview', exact: true }).getAttribute('aria-pressed')).toBe('true');
    await textBecomes(alice.page.getByTestId('composer-preview').locator('pre code'), CODE);
    await alice.page.getByRole('button', { name: 'Preview', exact: true }).click();
    await input.press('Enter');

    const row = rowWith(bob.page, 'onerror');
    await textBecomes(row.locator('pre code'), CODE);
    await textBecomes(row.getByTestId('code-language'), 'html');
    expect(await row.locator('pre code').getAttribute('class')).toBe('language-html');
    expect(await bob.page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
    expect(await bob.page.locator('#app img[src="x"], #app [onerror]').count()).toBe(0);
  });

  it('a mention completed from the members arrives highlighted and marked as mentioning the other', async () => {
    const input = alice.page.getByTestId('composer-input');
    await input.pressSequentially(`look @${bob.account.username.slice(0, 4)}`);
    const option = alice.page.getByRole('listbox', { name: 'Suggestions' }).getByRole('option', { name: /Bob Baker/ });
    await option.waitFor();
    expect(await option.getAttribute('aria-selected')).toBe('true');
    await input.press('Enter');
    expect(await input.inputValue()).toBe(`look @${bob.account.username} `);
    await input.pressSequentially('this is for you');
    await input.press('Enter');

    const row = rowWith(bob.page, 'this is for you');
    const mention = row.getByTestId('mention');
    await textBecomes(mention, `@${bob.account.username}`);
    expect(await mention.getAttribute('class')).toContain('mention--me');
    expect(await row.getAttribute('class')).toContain('message--mentions-me');
    expect(await row.getAttribute('aria-label')).toMatch(/, mentions you$/);

    // The history carries the same mentions: still highlighted and marked after a reload. The
    // read model may trail the live event, so wait until its history has the message.
    const stored = await waitUntil(async () => (await bob.api.history(groupId)).find((m) => m.text?.endsWith('this is for you')), {
      timeoutMs: 20_000,
      what: 'the mention in the history',
    });
    expect(stored.mentions).toEqual([bob.account.userId]);
    await bob.page.reload();
    const again = rowWith(bob.page, 'this is for you');
    await textBecomes(again.getByTestId('mention'), `@${bob.account.username}`);
    expect(await again.getAttribute('aria-label')).toMatch(/, mentions you$/);

    const own = rowWith(alice.page, 'this is for you');
    await textBecomes(own.getByTestId('mention'), `@${bob.account.username}`);
    expect(await own.getAttribute('class')).not.toContain('message--mentions-me');
  });

  it('an emoji completed by shortcode comes from the data the app serves', async () => {
    const requests: string[] = [];
    alice.page.on('request', (r) => requests.push(r.url()));
    const input = alice.page.getByTestId('composer-input');
    await input.pressSequentially('party :tad');
    const option = alice.page.getByRole('option', { name: /:tada:/ });
    await option.waitFor();
    await input.press('Tab');
    expect(await input.inputValue()).toBe('party 🎉 ');
    await input.press('Enter');
    await rowWith(bob.page, 'party 🎉').waitFor();
    expect(requests.filter((u) => /^https?:/.test(u) && new URL(u).origin !== new URL(app.url).origin)).toEqual([]);
    expect(requests.some((u) => /\/assets\/data-[^/]+\.json$/.test(u))).toBe(true);
  });

  it('who reacted shows when the reaction is hovered', async () => {
    const row = rowWith(bob.page, 'party 🎉');
    await row.hover();
    await row.getByTestId('add-reaction').click();
    await row.getByRole('button', { name: 'React with 👍' }).click();

    const chip = rowWith(alice.page, 'party 🎉').getByTestId('reaction');
    await chip.waitFor();
    await chip.hover();
    const tip = rowWith(alice.page, 'party 🎉').getByRole('tooltip');
    await textBecomes(tip, 'Bob Baker reacted with 👍');
    expect(await tip.isVisible()).toBe(true);
  });

  it('any emoji is found in the full picker and becomes a reaction', async () => {
    const row = rowWith(bob.page, 'party 🎉');
    await row.hover();
    await row.getByTestId('add-reaction').click();
    await row.getByRole('button', { name: 'More reactions' }).click();
    const picker = row.getByTestId('emoji-picker').locator('emoji-picker');
    await picker.locator('input#search').fill('rocket');
    await picker
      .getByRole('option', { name: /rocket/i })
      .first()
      .click();
    await rowWith(alice.page, 'party 🎉').locator('[data-testid="reaction"][data-emoji="🚀"]').waitFor();
    expect([...alice.errors, ...bob.errors]).toEqual([]);
  });
});
