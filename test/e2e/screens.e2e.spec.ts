// Screenshots of the main screens at desktop and phone width, over a small community seeded
// through the API. A test run writes them to the git-ignored test-results/screenshots/;
// `npm run screenshots` points GROUPCHAT_SCREENSHOTS_DIR at docs/screenshots/ to refresh those.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import type { Browser, Page } from 'playwright-core';
import type { TestApp } from '@groupchat/test-kit/app';
import { waitUntil } from '@groupchat/test-kit';
import { REPO, startE2eApp } from './support/app';
import { DESKTOP, launchBrowser, openPerson, PHONE } from './support/browser';
import { messagesWithText, PASSWORD, registerViaApi, signInViaUi, type Account } from './support/people';
import { ApiActor } from './support/seed';

const OUT = resolve(REPO, process.env.GROUPCHAT_SCREENSHOTS_DIR || 'test-results/screenshots');

const svgPng = (svg: string) => sharp(Buffer.from(svg)).png().toBuffer();
const avatar = (from: string, to: string) =>
  svgPng(
    `<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient></defs><rect width="128" height="128" fill="url(#g)"/><circle cx="64" cy="52" r="24" fill="#fff" fill-opacity=".85"/><ellipse cx="64" cy="118" rx="42" ry="34" fill="#fff" fill-opacity=".85"/></svg>`,
  );
const wallPhoto = () =>
  svgPng(
    `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="420"><defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#f6b26b"/><stop offset="1" stop-color="#fce5cd"/></linearGradient></defs><rect width="640" height="420" fill="url(#sky)"/><circle cx="500" cy="110" r="46" fill="#fff2cc"/><path d="M0 420 L150 170 L250 290 L360 120 L520 330 L640 220 L640 420 Z" fill="#7f6000"/><path d="M0 420 L120 300 L230 360 L330 260 L470 380 L640 300 L640 420 Z" fill="#38761d"/><g fill="#cc0000"><circle cx="352" cy="160" r="7"/><circle cx="338" cy="196" r="7"/><circle cx="360" cy="232" r="7"/></g></svg>`,
  );

describe('the main screens at desktop and phone width', () => {
  let app: TestApp;
  let browser: Browser;
  let maya: Account;
  let chatGroup: string;

  beforeAll(async () => {
    // A namespace of its own: the people can have plain usernames.
    [app, browser] = await Promise.all([startE2eApp(), launchBrowser()]);
    mkdirSync(OUT, { recursive: true });
    const [mayaAccount, jonasAccount, priyaAccount] = await Promise.all([
      registerViaApi(app, { prefix: 'maya', exactUsername: true, displayName: 'Maya Lindqvist', interests: ['climbing', 'photography', 'hiking'] }),
      registerViaApi(app, { prefix: 'jonas', exactUsername: true, displayName: 'Jonas Weber', interests: ['climbing', 'running'] }),
      registerViaApi(app, { prefix: 'priya', exactUsername: true, displayName: 'Priya Raman', interests: ['photography', 'books'] }),
    ]);
    maya = mayaAccount;
    const [m, jonas, priya] = await Promise.all([mayaAccount, jonasAccount, priyaAccount].map((a) => ApiActor.signIn(app, a)));
    const [mAvatar, jAvatar, pAvatar] = await Promise.all([
      avatar('#3d85c6', '#9fc5e8').then((png) => m!.upload('maya.png', 'image/png', png)),
      avatar('#e69138', '#ffe599').then((png) => jonas!.upload('jonas.png', 'image/png', png)),
      avatar('#674ea7', '#d5a6bd').then((png) => priya!.upload('priya.png', 'image/png', png)),
    ]);
    await Promise.all([
      m!.updateProfile({ avatarMediaId: mAvatar, bio: 'Weekend boulderer, film shooter, always up for a long hike.' }),
      jonas!.updateProfile({ avatarMediaId: jAvatar }),
      priya!.updateProfile({ avatarMediaId: pAvatar }),
    ]);

    chatGroup = await jonas!.createGroup({
      name: 'Bouldering Berlin',
      description: 'Evening sessions at the city walls and weekend trips to the Elbsandstein. All grades welcome.',
      interests: ['climbing', 'outdoors'],
    });
    const film = await priya!.createGroup({
      name: 'Film Photography Club',
      description: 'Developing at home, scanning tips and monthly photo walks.',
      interests: ['photography', 'analog'],
    });
    await Promise.all([
      jonas!.createGroup({ name: 'Trail Runners', description: 'Long runs on Sundays, shorter ones on Wednesdays.', interests: ['running', 'hiking'] }),
      priya!.createGroup({ name: 'Sci-Fi Book Club', description: 'One novel a month, from Le Guin to Liu Cixin.', interests: ['books', 'scifi'] }),
      jonas!.createGroup({ name: 'Sourdough Bakers', description: 'Starters, crumb shots and flour recommendations.', interests: ['baking', 'food'] }),
      priya!.createGroup({ name: 'Alpine Hiking', description: 'Hut-to-hut tours and gear advice for the Alps.', interests: ['hiking', 'outdoors'] }),
    ]);
    await Promise.all([m!.seen(jonas!.lastPosition).join(chatGroup), priya!.seen(jonas!.lastPosition).join(chatGroup)]);
    await m!.seen(priya!.lastPosition).join(film);

    await jonas!.post(chatGroup, 'Who is in for Thursday at the north wall? New **blue circuit** is up.');
    await m!.seen(jonas!.lastPosition).post(chatGroup, 'Me! I still have to send the overhang from last week.');
    await priya!.seen(m!.lastPosition).post(chatGroup, 'Count me in, I will come straight from work — around 7.');
    const photo = await jonas!.upload('north-wall.png', 'image/png', await wallPhoto());
    const photoMessage = await jonas!.seen(priya!.lastPosition).post(chatGroup, 'Here is the topo of the new problems:', [photo]);
    await Promise.all([
      m!.seen(jonas!.lastPosition).react(chatGroup, photoMessage, '🔥'),
      priya!.seen(jonas!.lastPosition).react(chatGroup, photoMessage, '👍'),
    ]);
    await m!.post(chatGroup, 'The red one on the left looks _brutal_ 😅');
    await jonas!.seen(m!.lastPosition).post(chatGroup, 'It goes at 6B+. Bring tape, the crimps are sharp.');
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const shoot = (page: Page, name: string) => page.screenshot({ path: resolve(OUT, `${name}.png`), animations: 'disabled', caret: 'hide' });

  async function allImagesLoaded(page: Page) {
    return page.evaluate(
      () =>
        [...document.querySelectorAll('#app img')].every((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0) &&
        !document.querySelector('#app .skeleton'),
    );
  }

  it('at phone width the empty composer keeps its placeholder on one line', async () => {
    const { context, page } = await openPerson(browser, app.url, PHONE);
    try {
      await signInViaUi(page, maya);
      await page.goto(`/groups/${chatGroup}`);
      const input = page.getByTestId('composer-input');
      await input.waitFor();
      // The placeholder names the conversation once its detail has loaded, which may come after the field.
      await waitUntil(async () => (await input.getAttribute('placeholder')) === 'Message Bouldering Berlin', {
        timeoutMs: 10_000,
        what: 'the placeholder to name the group',
      });
      // A wrapped placeholder overflows the one-row field: its scroll height grows past the box.
      const box = await input.evaluate((el: HTMLTextAreaElement) => ({ scroll: el.scrollHeight, client: el.clientHeight, value: el.value }));
      expect(box.value).toBe('');
      expect(box.scroll).toBeLessThanOrEqual(box.client);
    } finally {
      await context.close();
    }
  });

  for (const [width, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    it(`login, discover, chat, settings and profile at ${width} width`, async () => {
      const { context, page, errors } = await openPerson(browser, app.url, viewport);
      try {
        await page.goto('/login');
        await page.getByLabel('Username or email').fill(maya.username);
        await page.getByLabel('Password').fill(PASSWORD);
        await shoot(page, `login-${width}`);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.getByRole('heading', { name: 'Discover groups' }).waitFor();

        // Discover: every seeded group is in the search index, the recommendations are in.
        const cards = page.getByTestId('search-results').getByTestId('group-card');
        await waitUntil(
          async () => {
            if ((await cards.count()) >= 6 && (await page.getByTestId('recommended').isVisible())) return true;
            await page.reload();
            return page
              .getByTestId('search-results')
              .waitFor({ timeout: 2_000 })
              .then(
                () => false,
                () => false,
              );
          },
          { timeoutMs: 30_000, what: 'all groups on Discover' },
        );
        await waitUntil(() => allImagesLoaded(page), { what: 'discover images' });
        await shoot(page, `discover-${width}`);

        await page.goto(`/groups/${chatGroup}`);
        await messagesWithText(page, 'It goes at 6B+. Bring tape, the crimps are sharp.').waitFor();
        await page.getByTestId('attachment-image').locator('img').waitFor();
        await page.getByTestId('reaction').first().waitFor();
        await waitUntil(() => allImagesLoaded(page), { what: 'chat images' });
        await shoot(page, `chat-${width}`);

        await page.goto(`/groups/${chatGroup}/settings`);
        await waitUntil(async () => (await page.getByTestId('member').count()) === 3, { what: 'three members' });
        await waitUntil(() => allImagesLoaded(page), { what: 'settings images' });
        await shoot(page, `settings-${width}`);

        await page.goto('/profile');
        await waitUntil(async () => (await page.getByLabel('Display name').inputValue()) === 'Maya Lindqvist', { what: 'the profile form' });
        await waitUntil(() => allImagesLoaded(page), { what: 'profile images' });
        await shoot(page, `profile-${width}`);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});
