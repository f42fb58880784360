import type { Config } from '@groupchat/shared';
import { startTestApp } from '@groupchat/test-kit/app';
import type { RealtimeOptions } from '../../src/index';
import { Fixtures } from './fixtures';
import { startRealtime } from './realtime';

/**
 * The whole app (projectors fill the read models realtime reads) in a fresh namespace, plus a
 * realtime process with the given options on its own port in the same namespace.
 */
export async function startSystem(options: Partial<RealtimeOptions> = {}, overrides: Partial<Config> = {}) {
  const app = await startTestApp(overrides);
  const realtime = await startRealtime(app.config, options);
  const fixtures = await Fixtures.connect(app.config);
  return {
    config: app.config,
    app,
    realtime,
    fixtures,
    pool: realtime.rt.pool,
    async close() {
      await fixtures.close();
      await realtime.close();
      await app.close();
    },
  };
}
