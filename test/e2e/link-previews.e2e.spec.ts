// A link to a local web site gets a preview card: the composer shows it while the message is
// typed, and the other member sees it under the sent message, with the image proxied by our
// API. A preview removed in the composer is not sent; one removed from a sent message goes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { TestApp } from '@groupchat/test-kit/app';
import { waitUntil } from '@groupchat/test-kit';
import { startOrigin, type Origin } from '@groupchat/test-kit/link-preview-origin';
import { startE2eApp } from './support/app';
import { launchBrowser } from './support/browser';
import { makePng, PASSWORD } from './support/people';
import { twoInAGroup, type Participant } from './support/two-people';

describe('link previews in the browser', () => {
  let app: TestApp;
  let origin: Origin;
  let browser: Browser;
  let alice: Participant;
  let bob: Participant;
  let groupId: string;
  const groupName = `Route Setters ${Date.now().toString(36)}`;

  /** The linkPreview the server stored for the message that starts with `start`, once history has it. */
  async function storedPreview(start: string): Promise<string | null> {
    const login = await fetch(`${app.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: bob.account.username, password: PASSWORD }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const found = await waitUntil(
      async () => {
        const res = await fetch(`${app.url}/api/v1/groups/${groupId}/messages?limit=50`, { headers: { authorization: `Bearer ${accessToken}` } });
        const { items } = (await res.json()) as { items: { text: string | null; linkPreview?: string | null }[] };
        return items.find((m) => m.text?.startsWith(start));
      },
      { what: `"${start}" in the history` },
    );
    return found.linkPreview ?? null;
  }

  const messageWith = (page: Page, text: string) => page.getByTestId('message').filter({ hasText: text });
  const openGroup = async (page: Page) => {
    await page.goto(`/groups/${groupId}`);
    await page.getByTestId('chat-title').getByText(groupName).waitFor();
  };

  beforeAll(async () => {
    // Loopback is allowed for this app only: the previewed site runs on 127.0.0.1.
    [app, browser, origin] = await Promise.all([startE2eApp({ LINK_PREVIEW_ALLOW_LOOPBACK: true }), launchBrowser(), startOrigin(await makePng(600, 320))]);
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
      { name: groupName, description: 'New problems every week.', interests: ['climbing'] },
    ));
    await Promise.all([openGroup(alice.page), openGroup(bob.page)]);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await origin?.close();
  });

  it('the composer previews the link being typed, and the other member sees the card with its image', async () => {
    const text = `This week's problems: ${origin.url}/article`;
    const input = alice.page.getByTestId('composer-input');
    await input.click();
    await input.fill(text);
    const draftCard = alice.page.getByTestId('composer').getByTestId('link-preview');
    await draftCard.getByTestId('link-preview-title').getByText('A & B: the article').waitFor();
    await input.press('Enter');

    const card = messageWith(bob.page, "This week's problems").getByTestId('link-preview');
    await card.getByTestId('link-preview-title').getByText('A & B: the article').waitFor({ timeout: 20_000 });
    await expect(card.getByText('What the article says.').count()).resolves.toBe(1);
    await expect(card.getByRole('link').getAttribute('href')).resolves.toBe(`${origin.url}/article`);
    // Only the sender may remove it.
    await expect(card.getByRole('button', { name: 'Remove preview' }).count()).resolves.toBe(0);
    const image = card.getByRole('img', { name: 'A & B: the article' });
    await image.waitFor();
    // Loaded from our API as a blob, never from the site itself.
    await waitUntil(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), { what: 'the preview image decoded' });
    await expect(image.getAttribute('src')).resolves.toMatch(/^blob:/);
    expect(origin.hits('/picture.png')).toBe(1);
    expect(await storedPreview("This week's problems")).toBe(`${origin.url}/article`);
  });

  it('a preview removed in the composer is not sent', async () => {
    const text = `No card for this one: ${origin.url}/twitter`;
    const input = alice.page.getByTestId('composer-input');
    await input.fill(text);
    const draftCard = alice.page.getByTestId('composer').getByTestId('link-preview');
    await draftCard.getByTestId('link-preview-title').getByText('Card title').waitFor();
    await draftCard.getByRole('button', { name: 'Remove preview' }).click();
    await draftCard.waitFor({ state: 'detached' });
    await input.press('Enter');

    const sent = messageWith(bob.page, 'No card for this one');
    await sent.waitFor();
    await messageWith(alice.page, 'No card for this one').and(alice.page.locator('[data-status="sent"]')).waitFor();
    expect(await storedPreview('No card for this one')).toBeNull();
    await expect(sent.getByTestId('link-preview').count()).resolves.toBe(0);
  });

  it('the sender removes the preview of a sent message, and it goes for the other member too', async () => {
    const mine = messageWith(alice.page, "This week's problems").getByTestId('link-preview');
    await mine.getByRole('button', { name: 'Remove preview' }).click();
    await mine.waitFor({ state: 'detached' });
    await messageWith(bob.page, "This week's problems").getByTestId('link-preview').waitFor({ state: 'detached', timeout: 20_000 });
  });
});
