import { createRuntime, serve, type Config } from '@groupchat/shared';
import { createRealtime, type RealtimeOptions } from '../../src/index';

/** Another realtime process (its own runtime, HTTP server and port) in the same namespace. */
export async function startRealtime(config: Config, options: Partial<RealtimeOptions> = {}) {
  const rt = await createRuntime(config, 'realtime-test');
  const served = await serve(rt, () => undefined, 0, '127.0.0.1');
  const realtime = await createRealtime(rt, served.server, options);
  return {
    rt,
    url: `http://127.0.0.1:${served.port}`,
    wsUrl: `ws://127.0.0.1:${served.port}/ws`,
    async close() {
      await realtime.close();
      await served.close();
      await rt.close();
    },
  };
}
