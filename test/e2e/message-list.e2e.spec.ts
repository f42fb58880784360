// The virtualized message list as a screen-reader user and a keyboard user meet it: a long
// history opens at the newest message and is read back to its beginning with the keyboard,
// rows mount and unmount on the way without a word from any live region, and each message
// that someone else sends meanwhile is announced exactly once. Grouped rows sit evenly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { TestApp } from '@groupchat/test-kit/app';
import { waitUntil } from '@groupchat/test-kit';
import { startE2eApp } from './support/app';
import { launchBrowser, openPerson, type Person } from './support/browser';
import { messagesWithText, sendMessage, signInViaUi } from './support/people';
import type { ApiActor } from './support/seed';
import { sharedGroup } from './support/two-people';

const HISTORY = 130;
const historyText = (i: number) => `History ${String(i).padStart(3, '0')}: notes from the last session`;

/**
 * Records, from the first byte of every page, each piece of text added inside a live region
 * (aria-live polite or assertive, or an implicitly live role): what a screen reader would read out.
 */
function recordAnnouncements() {
  const w = window as unknown as { __announced: string[] };
  w.__announced = [];
  const liveRoles = ['log', 'status', 'alert', 'marquee', 'timer'];
  const isLive = (start: Element | null) => {
    for (let el = start; el; el = el.parentElement) {
      const live = el.getAttribute('aria-live');
      if (live === 'off') return false;
      if (live === 'polite' || live === 'assertive') return true;
      if (liveRoles.includes(el.getAttribute('role') ?? '')) return true;
    }
    return false;
  };
  const note = (text: string | null | undefined) => {
    const t = (text ?? '').replace(/\s+/g, ' ').trim();
    if (t) w.__announced.push(t);
  };
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'characterData') {
        if (isLive(r.target.parentElement)) note(r.target.textContent);
        continue;
      }
      for (const node of r.addedNodes) if (isLive(node instanceof Element ? node : node.parentElement)) note(node.textContent);
    }
  }).observe(document, { childList: true, subtree: true, characterData: true });
}

const announced = (page: Page) => page.evaluate(() => (window as unknown as { __announced: string[] }).__announced.slice());

describe('the message list for screen-reader and keyboard users', () => {
  let app: TestApp;
  let browser: Browser;
  let bob: Person;
  let alice: ApiActor;
  let groupId: string;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startE2eApp(), launchBrowser()]);
    const shared = await sharedGroup(
      app,
      [
        { prefix: 'alice', displayName: 'Alice Archer' },
        { prefix: 'bob', displayName: 'Bob Baker' },
      ],
      { name: `Reading Circle ${Date.now().toString(36)}`, description: 'A long conversation.', interests: ['books'] },
    );
    [groupId, alice] = [shared.groupId, shared.owner.api];
    for (let i = 1; i <= HISTORY; i += 1) await alice.post(groupId, historyText(i));

    bob = await openPerson(browser, app.url);
    await bob.context.addInitScript(recordAnnouncements);
    await signInViaUi(bob.page, shared.joiner.account);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('opens at the newest message without announcing the history; grouped rows are evenly spaced', async () => {
    const { page } = bob;
    await page.goto(`/groups/${groupId}`);
    await messagesWithText(page, historyText(HISTORY)).waitFor();
    await waitUntil(() => messagesWithText(page, historyText(HISTORY)).isVisible(), { what: 'the newest message in view' });

    const list = page.getByRole('region', { name: 'Messages' });
    await expect(list.getAttribute('aria-live')).resolves.toBeNull();
    await expect(page.getByTestId('message-announcer').getAttribute('aria-live')).resolves.toBe('polite');

    // Consecutive rows touch (no gap, no overlap), and every grouped one-line message takes the same height.
    const layout = await page.evaluate(() =>
      [...document.querySelectorAll('[data-testid="virtual-row"]')]
        .map((row) => ({ box: row.getBoundingClientRect(), compact: !!row.querySelector('.message--compact') }))
        .sort((a, b) => a.box.top - b.box.top)
        .map(({ box, compact }) => ({ top: box.top, bottom: box.bottom, height: box.height, compact })),
    );
    expect(layout.length).toBeGreaterThan(10);
    for (let i = 1; i < layout.length; i += 1) expect(Math.abs(layout[i]!.top - layout[i - 1]!.bottom), `gap above row ${i}`).toBeLessThan(0.1);
    const grouped = layout.filter((r) => r.compact).map((r) => r.height);
    expect(grouped.length).toBeGreaterThan(10);
    expect(Math.max(...grouped) - Math.min(...grouped)).toBeLessThan(0.1);

    expect(await announced(page)).toEqual([]);
  });

  it('reads back to the beginning with the keyboard, loading older pages, in silence', async () => {
    const { page } = bob;
    const list = page.getByRole('region', { name: 'Messages' });
    await list.focus();
    const beginning = page.getByText('This is the beginning of the conversation.');
    // Each Home reaches the top, which loads an older page above the reader: press again until there is none.
    await waitUntil(
      async () => {
        await list.press('Home');
        return (await beginning.isVisible()) && (await messagesWithText(page, historyText(1)).isVisible());
      },
      { timeoutMs: 60_000, intervalMs: 300, what: 'the first message of the history' },
    );
    await expect(page.getByTestId('message').count()).resolves.toBeLessThan(HISTORY);
    expect(await announced(page)).toEqual([]);
  });

  it('announces each message someone else sends exactly once, also while the reader is up in the history', async () => {
    const { page } = bob;
    const live = ['Live one: the next book is Piranesi', 'Live two: we meet on Tuesday', 'Live three: bring tea'];
    for (const text of live) await alice.post(groupId, text);
    const expected = live.map((t) => `Alice Archer: ${t}`);
    await waitUntil(async () => (await announced(page)).length >= live.length, { what: 'three announcements' });
    expect(await announced(page)).toEqual(expected);

    // Down to the newest and up and down again: the rows mount anew, nothing is read out again.
    // Keys are pressed again while the list still settles on a row that grew.
    const list = page.getByRole('region', { name: 'Messages' });
    const newest = messagesWithText(page, live[2]!);
    const toEnd = (what: string) =>
      waitUntil(
        async () => {
          await list.press('End');
          return newest.isVisible();
        },
        { intervalMs: 200, what },
      );
    await toEnd('the live messages in view');
    for (let i = 0; i < 3; i += 1) {
      await waitUntil(
        async () => {
          await list.press('PageUp');
          return !(await newest.isVisible());
        },
        { intervalMs: 200, what: 'the live messages out of view' },
      );
      await toEnd('the live messages back in view');
    }

    // Our own message is not announced to us; the next one from someone else is.
    await sendMessage(page, 'My own: I will bring biscuits');
    await messagesWithText(page, 'My own: I will bring biscuits').and(page.locator('[data-status="sent"]')).waitFor();
    await alice.post(groupId, 'Live four: lovely');
    await messagesWithText(page, 'Live four: lovely').waitFor();
    await waitUntil(async () => (await announced(page)).length > live.length, { what: 'the fourth announcement' });
    expect(await announced(page)).toEqual([...expected, 'Alice Archer: Live four: lovely']);
    for (const text of [...live, 'Live four: lovely']) expect(await messagesWithText(page, text).count(), text).toBe(1);
    expect(bob.errors).toEqual([]);
  });
});
