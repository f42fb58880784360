import { startAll } from '../../src/app';
import type { Config } from '@groupchat/shared';
import { dropNamespaceIndices, isolatedConfig } from './stack';

export interface TestApp {
  config: Config;
  url: string;
  wsUrl: string;
  close(): Promise<void>;
}

/** Abuse limits raised so that a test's own traffic is never rate limited. */
export const NO_ABUSE_LIMITS = {
  REGISTER_LIMIT_PER_IP: 10_000,
  LOGIN_LIMIT_PER_IP: 10_000,
  LOGIN_LIMIT_PER_ACCOUNT: 10_000,
  LOGIN_LIMIT_PER_IP_AND_ACCOUNT: 10_000,
  MESSAGE_LIMIT_BURST: 10_000,
  MESSAGE_LIMIT_SUSTAINED: 10_000,
  MEDIA_UPLOAD_LIMIT: 10_000,
  GROUP_CREATE_LIMIT: 10_000,
  SEARCH_LIMIT: 10_000,
} satisfies Partial<Config>;

/** The whole system in this process on an ephemeral port, isolated by namespace. */
export async function startTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const config = isolatedConfig(overrides);
  const app = await startAll(config);
  return {
    config,
    url: `http://127.0.0.1:${app.port}`,
    wsUrl: `ws://127.0.0.1:${app.port}/ws`,
    async close() {
      await app.close();
      await dropNamespaceIndices(config);
    },
  };
}
