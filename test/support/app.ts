import { startAll } from '../../src/app';
import type { Config } from '@groupchat/shared';
import { dropNamespaceIndices, isolatedConfig } from './stack';

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
