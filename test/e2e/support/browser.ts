import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page, type WebSocketRoute } from 'playwright-core';
import { REPO } from './app';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 375, height: 740 };

/** One headless Chromium per test file; each person gets a context of their own. */
export function launchBrowser(): Promise<Browser> {
  const dist = process.env.E2E_WEB_DIST ?? resolve(REPO, 'web/dist');
  if (!existsSync(resolve(dist, 'index.html'))) throw new Error(`${dist} is missing: run \`node scripts/build-web.mjs\` first`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface Person {
  context: BrowserContext;
  page: Page;
  /** Uncaught errors of the page; a test ends by expecting none. */
  errors: string[];
}

export async function openPerson(browser: Browser, baseURL: string, viewport = DESKTOP): Promise<Person> {
  const context = await browser.newContext({ baseURL, viewport, locale: 'en-GB', timezoneId: 'UTC', reducedMotion: 'reduce' });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  return { context, page, errors };
}

/**
 * Cuts the realtime WebSocket on demand: `drop()` closes both sides of the live socket and
 * refuses new ones until `restore()`. Chromium's offline emulation would leave the socket open.
 * Install before the page opens its socket.
 */
export async function controlRealtime(page: Page) {
  let down = false;
  let refused = 0;
  const live = new Set<WebSocketRoute>();
  await page.routeWebSocket(/\/ws$/, (ws) => {
    if (down) {
      refused += 1;
      void ws.close({ code: 1001, reason: 'network down' }).catch(() => undefined);
      return;
    }
    ws.connectToServer();
    live.add(ws);
    ws.onClose(() => live.delete(ws));
  });
  return {
    get refused() {
      return refused;
    },
    get open() {
      return live.size;
    },
    async drop() {
      down = true;
      const sockets = [...live];
      live.clear();
      await Promise.all(sockets.map((ws) => ws.close({ code: 1001, reason: 'network down' }).catch(() => undefined)));
    },
    restore() {
      down = false;
    },
  };
}
