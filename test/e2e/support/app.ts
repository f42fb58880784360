import { resolve } from 'node:path';
import type { Config } from '@groupchat/shared';
import { NO_ABUSE_LIMITS, startTestApp, type TestApp } from '@groupchat/test-kit/app';

export const REPO = resolve(__dirname, '../../..');

/**
 * The whole system serving the built web app (`node scripts/build-web.mjs` makes web/dist), with
 * abuse limits raised so a test's own traffic is never rate limited.
 */
export function startE2eApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  // E2E_WEB_DIST: a build of one's own, so a run does not race another engineer's build of web/dist.
  return startTestApp({ WEB_DIST: process.env.E2E_WEB_DIST ?? resolve(REPO, 'web/dist'), ...NO_ABUSE_LIMITS, ...overrides });
}
