import type { Config } from '@groupchat/shared';
// The repository's own entry point (not a package): the whole system in one process.
import { startAll } from '../../../src/app';
import { dropNamespaceIndices, isolatedConfig } from './stack';

export { NO_ABUSE_LIMITS } from './limits';

export interface TestApp {
  config: Config;
  url: string;
  wsUrl: string;
  close(): Promise<void>;
}

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
