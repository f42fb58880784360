import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRuntime, migrate, serve, signAccessToken, type Config, type Runtime } from '@groupchat/shared';
import { isolatedConfig, NO_ABUSE_LIMITS } from '@groupchat/test-kit';
import { commandErrors } from '../src/http/errors';
import { createLinkPreviewRoutes } from '../src/link-previews';
import { createLocalStore } from '../src/media';

const COMMAND_API_MIGRATIONS = fileURLToPath(new URL('../migrations', import.meta.url));

export interface PreviewHarness {
  config: Config;
  rt: Runtime;
  /** The API's base, e.g. http://127.0.0.1:1234/api/v1. */
  url: string;
  /** GET on the API as a signed-in user. */
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  preview(url: string): Promise<Response>;
  close(): Promise<void>;
}

/** The link-preview routes on their own server and an isolated database; no broker needed. */
export async function startPreviewHarness(overrides: Partial<Config> = {}): Promise<PreviewHarness> {
  const base = isolatedConfig({ ...NO_ABUSE_LIMITS, ...overrides });
  const config = { ...base, MEDIA_DIR: resolve(base.MEDIA_DIR) };
  const rt = await createRuntime(config, 'link-preview-test');
  await migrate(rt.pool, 'command-api', COMMAND_API_MIGRATIONS);
  const previews = await createLinkPreviewRoutes(rt, createLocalStore(config.MEDIA_DIR));
  const served = await serve(rt, (app) => app.use('/api/v1', previews.router, commandErrors));
  const api = `http://127.0.0.1:${served.port}/api/v1`;
  const token = signAccessToken(config, { sub: 'u-previewer', username: 'previewer' });
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${api}${path}`, { headers: { authorization: `Bearer ${token}`, ...headers } });
  return {
    config,
    rt,
    url: api,
    get,
    preview: (url) => get(`/link-previews?url=${encodeURIComponent(url)}`),
    async close() {
      await served.close();
      await previews.close();
      await rt.close();
      await rm(config.MEDIA_DIR, { recursive: true, force: true });
    },
  };
}
