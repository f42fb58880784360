// Two people in a group, in two browser contexts: one answers a message with a quoted reply and
// both jump from the quote to its parent (one loaded, one far back in the history); they talk in
// a thread whose replies arrive live in the side panel; the owner pins a message the other finds
// in the Pinned panel; and a hit of the search across all conversations opens the message in context.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import type { TestApp } from '@groupchat/test-kit/app';
import { waitUntil } from '@groupchat/test-kit';
import { startE2eApp } from './support/app';
import { launchBrowser, openPerson, type Person } from './support/browser';
import { messagesWithText, PASSWORD, registerViaApi, sendMessage, signInViaUi, textBecomes, type Account } from './support/people';
import { ApiActor } from './support/seed';

/** More than a history page (50) after it, so the old parent is not loaded when the chat opens. */
const FILLER = 60;

describe('replies, threads, pins and permalinks in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  let ann: Person;
  let ben: Person;
  let annAccount: Account;
  let benAccount: Account;
  let groupId: string;
  let oldParentId: string;
  let threadReplyId: string;
  const tag = Date.now().toString(36);
  const groupName = `Crag Crew ${tag}`;
  const oldText = `Quarry meetup ${tag}: where do we park?`;

  /** A send the seed helper does not cover: one that replies (replyTo) or goes in a thread (threadId). */
  async function postAs(account: Account, body: Record<string, unknown>): Promise<string> {
    const login = await fetch(`${app.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: account.username, password: PASSWORD }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const res = await fetch(`${app.url}/api/v1/groups/${groupId}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ clientMessageId: randomUUID(), ...body }),
    });
    expect(res.status).toBeLessThan(300);
    return ((await res.json()) as { messageId: string }).messageId;
  }

  /** The group's list, not the thread panel. */
  const inList = (page: Page, text: string) => page.getByRole('region', { name: 'Messages', exact: true }).getByTestId('message').filter({ hasText: text });
  const row = (page: Page, id: string) => page.locator(`[data-message-id="${id}"]`).first();
  /** Waits until the message is confirmed (in `within`, e.g. the thread panel), and returns its id. */
  async function idOf(page: Page, text: string, within?: Locator): Promise<string> {
    const m = within ? within.getByTestId('message').filter({ hasText: text }) : messagesWithText(page, text);
    await m.waitFor();
    await waitUntil(async () => (await m.getAttribute('data-status')) === 'sent', {
      timeoutMs: 20_000,
      what: `"${text}" sent (${await m.textContent()})`,
    });
    return (await m.getAttribute('data-message-id'))!;
  }
  const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-message-id') ?? null);
  const waitFocused = (page: Page, id: string) =>
    waitUntil(async () => (await focusedId(page)) === id, { timeoutMs: 20_000, what: `message ${id} focused` }).catch(async (err: unknown) => {
      const seen = await page.evaluate(
        (mid) => ({
          active: document.activeElement?.outerHTML.slice(0, 200),
          rows: document.querySelectorAll(`[data-message-id="${mid}"]`).length,
          url: location.href,
          alerts: [...document.querySelectorAll('[role=alert]')].map((a) => a.textContent),
        }),
        id,
      );
      throw new Error(`${String(err)} ${JSON.stringify(seen)}`);
    });
  /** The search index follows the log: ask again until the hit is in it. */
  const searchUntil = (input: Locator, hit: Locator, what: string) =>
    waitUntil(
      async () => {
        if (await hit.count()) return true;
        await input.press('Enter');
        return hit.waitFor({ timeout: 1_000 }).then(
          () => true,
          () => false,
        );
      },
      { timeoutMs: 30_000, what },
    );
  const tool = (page: Page, id: string, testid: string) => row(page, id).getByTestId(testid);

  beforeAll(async () => {
    [app, browser] = await Promise.all([startE2eApp(), launchBrowser()]);
    [ann, ben] = await Promise.all([openPerson(browser, app.url), openPerson(browser, app.url)]);
    [annAccount, benAccount] = await Promise.all([
      registerViaApi(app, { prefix: 'ann', displayName: 'Ann Alder' }),
      registerViaApi(app, { prefix: 'ben', displayName: 'Ben Beech' }),
    ]);
    const annApi = await ApiActor.signIn(app, annAccount);
    groupId = await annApi.createGroup({ name: groupName, description: 'Climbing days out.', interests: ['climbing'] });
    await (await ApiActor.signIn(app, benAccount)).seen(annApi.lastPosition).join(groupId);
    oldParentId = await annApi.post(groupId, oldText);
    for (let i = 0; i < FILLER; i++) await annApi.post(groupId, `filler ${i}`);
    await Promise.all([signInViaUi(ann.page, annAccount), signInViaUi(ben.page, benAccount)]);
    await Promise.all([ann.page.goto(`/groups/${groupId}`), ben.page.goto(`/groups/${groupId}`)]);
    await Promise.all([ann.page.getByTestId('composer-input').waitFor(), ben.page.getByTestId('composer-input').waitFor()]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('reply and jump to the parent; a parent deleted later shows as deleted', async () => {
    const question = `Who brings the rope ${tag}?`;
    await sendMessage(ann.page, question);
    const questionId = await idOf(ann.page, question);
    await row(ben.page, questionId).waitFor();

    // Escape leaves the reply; Reply again and send.
    await row(ben.page, questionId).hover();
    await tool(ben.page, questionId, 'reply-message').click();
    await textBecomes(ben.page.getByTestId('reply-bar'), `Replying to Ann Alder: ${question}`, { contains: true });
    await expect(ben.page.getByTestId('composer-input').evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await ben.page.getByTestId('composer-input').press('Escape');
    await ben.page.getByTestId('reply-bar').waitFor({ state: 'detached' });
    await tool(ben.page, questionId, 'reply-message').click();
    const answer = 'I will, a 70 m one';
    await sendMessage(ben.page, answer);
    await ben.page.getByTestId('reply-bar').waitFor({ state: 'detached' });

    // Ann gets it live, quoted; the quote takes her to the question.
    const quote = messagesWithText(ann.page, answer).getByTestId('message-quote');
    await textBecomes(quote, question, { contains: true });
    expect(await quote.textContent()).toContain('You');
    await quote.click();
    await waitFocused(ann.page, questionId);
    await expect(row(ann.page, questionId).getAttribute('class')).resolves.toContain('message--highlight');

    // A reply to a message far back: the quote loads it around itself and focuses it.
    await postAs(benAccount, { text: 'Behind the old quarry gate', replyTo: oldParentId });
    const far = messagesWithText(ann.page, 'Behind the old quarry gate').getByTestId('message-quote');
    await textBecomes(far, 'Quarry meetup', { contains: true });
    expect(await row(ann.page, oldParentId).count()).toBe(0);
    await far.click();
    await waitFocused(ann.page, oldParentId);
    await textBecomes(row(ann.page, oldParentId).getByTestId('message-text'), oldText);

    // The question is deleted: Ben's quote turns to "deleted message", never keeping the text.
    ann.page.once('dialog', (d) => void d.accept());
    await ann.page.getByTestId('jump-to-latest').click();
    await row(ann.page, questionId).hover();
    await tool(ann.page, questionId, 'delete-message').click();
    const benQuote = messagesWithText(ben.page, answer).getByTestId('message-quote');
    await textBecomes(benQuote, 'deleted message', { contains: true });
    expect(await benQuote.textContent()).not.toContain('rope');
  });

  it('a thread with live replies in the panel, kept out of the main list', async () => {
    const root = `Sunday at Stanage ${tag}?`;
    await sendMessage(ann.page, root);
    const rootId = await idOf(ann.page, root);
    await row(ben.page, rootId).hover();
    await tool(ben.page, rootId, 'reply-in-thread').click();
    const benPanel = ben.page.getByTestId('thread-panel');
    await textBecomes(benPanel.getByTestId('thread-root').getByTestId('message-text'), root);
    await waitUntil(() => ben.page.evaluate(() => document.activeElement?.id === 'thread-composer-text'), { what: 'the thread composer focused' });
    await benPanel.getByLabel('Message the thread').fill('Count me in');
    await benPanel.getByLabel('Message the thread').press('Enter');
    await idOf(ben.page, 'Count me in', benPanel.getByTestId('thread-replies'));

    // Ann's list counts the reply on the root, and does not list it.
    await textBecomes(row(ann.page, rootId).getByTestId('thread-reply-count'), '1 reply');
    expect(await inList(ann.page, 'Count me in').count()).toBe(0);
    await row(ann.page, rootId).getByTestId('thread-summary').click();
    const annPanel = ann.page.getByTestId('thread-panel');
    await annPanel.getByTestId('thread-replies').getByText('Count me in').waitFor();
    await textBecomes(annPanel.getByTestId('thread-follow'), 'Following');
    await annPanel.getByLabel('Message the thread').fill('Great, 9am at the car park');
    await annPanel.getByLabel('Message the thread').press('Enter');
    threadReplyId = await idOf(ann.page, 'Great, 9am at the car park', annPanel.getByTestId('thread-replies'));

    // Ben's open panel gets it live; his list's root says 2 replies.
    await benPanel.getByTestId('thread-replies').getByText('Great, 9am at the car park').waitFor();
    await textBecomes(row(ben.page, rootId).getByTestId('thread-reply-count'), '2 replies');
    expect(await inList(ben.page, 'Great, 9am at the car park').count()).toBe(0);

    // Unfollow, then close with Escape.
    const follow = benPanel.getByTestId('thread-follow');
    await textBecomes(follow, 'Following');
    await follow.click();
    await textBecomes(follow, 'Follow');
    await expect(follow.getAttribute('aria-pressed')).resolves.toBe('false');
    await benPanel.getByLabel('Message the thread').press('Escape');
    await benPanel.waitFor({ state: 'detached' });

    // Ann's followed threads list it, and open it in the panel.
    await annPanel.getByTestId('thread-close').click();
    await ann.page.getByTestId('threads-link').click();
    const followed = ann.page.getByTestId('followed-thread').filter({ hasText: root });
    await followed.waitFor();
    await followed.getByRole('link').click();
    await ann.page.waitForURL(`**/groups/${groupId}/threads/${rootId}`);
    await ann.page.getByTestId('thread-panel').getByText('Great, 9am at the car park').waitFor();
    await ann.page.getByTestId('thread-close').click();
  });

  it('a pin, marked live and listed in the Pinned panel', async () => {
    const notice = `Gear check list ${tag}`;
    await sendMessage(ann.page, notice);
    const noticeId = await idOf(ann.page, notice);
    await row(ben.page, noticeId).waitFor();
    // A member does not pin in a group; the owner does.
    expect(await tool(ben.page, noticeId, 'pin-message').count()).toBe(0);
    await row(ann.page, noticeId).hover();
    await tool(ann.page, noticeId, 'pin-message').click();
    await row(ann.page, noticeId).getByTestId('message-pinned').waitFor();
    await textBecomes(ann.page.getByTestId('chat-status'), 'Message pinned');
    await row(ben.page, noticeId).getByTestId('message-pinned').waitFor();

    await ben.page.getByTestId('pinned-toggle').click();
    const item = ben.page.getByTestId('pinned-item').filter({ hasText: notice });
    await item.waitFor();
    await item.getByTestId('pinned-jump').click();
    await ben.page.getByTestId('pinned-panel').waitFor({ state: 'detached' });
    await waitFocused(ben.page, noticeId);
  });

  it('a hit of the search across all conversations opens the message in context', async () => {
    const { page } = ben;
    await page.getByTestId('global-search-link').click();
    const input = page.getByLabel('Search messages in all your conversations');
    await input.fill(`meetup ${tag}`);
    const hit = page.getByTestId('search-hit').filter({ hasText: 'where do we park' });
    await searchUntil(input, hit, 'the old message in the search results');
    await textBecomes(hit.getByTestId('search-hit-group'), `in ${groupName}`);
    await hit.getByTestId('search-hit-link').click();
    await page.waitForURL(`**/groups/${groupId}/messages/${oldParentId}`);
    await waitFocused(page, oldParentId);
    await expect(row(page, oldParentId).getAttribute('class')).resolves.toContain('message--highlight');

    // A reply in a thread: its permalink opens the thread panel at it.
    await page.getByTestId('global-search-link').click();
    await input.fill(`"car park"`);
    const reply = page.getByTestId('search-hit').filter({ hasText: '9am at the car park' });
    await searchUntil(input, reply, 'the thread reply in the search results');
    await reply.getByTestId('search-hit-link').click();
    await page.waitForURL(`**/groups/${groupId}/messages/${threadReplyId}`);
    await page.getByTestId('thread-panel').waitFor();
    await waitFocused(page, threadReplyId);
    expect(ann.errors).toEqual([]);
    expect(ben.errors).toEqual([]);
  });
});
