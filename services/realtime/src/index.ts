import type { Server } from 'node:http';
import { createRuntime, loadConfig, serve, type Config, type Runtime } from '@groupchat/shared';

export interface Realtime {
  close(): Promise<void>;
}

/** Attaches the WebSocket endpoint /ws to an HTTP server. */
export async function createRealtime(rt: Runtime, server: Server): Promise<Realtime> {
  void rt;
  void server;
  return { close: async () => undefined };
}

/** Runs realtime alone on its own port. */
export async function start(config: Config = loadConfig()) {
  const rt = await createRuntime(config, 'realtime');
  const served = await serve(rt, () => undefined);
  const realtime = await createRealtime(rt, served.server);
  rt.log.info({ port: served.port }, 'realtime listening');
  return {
    port: served.port,
    async close() {
      await realtime.close();
      await served.close();
      await rt.close();
    },
  };
}
