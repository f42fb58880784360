import './config';
import { existsSync } from 'node:fs';
import express from 'express';
import { createRuntime, serve, serveOpenApi, type Config } from '@groupchat/shared';
import { Router } from 'express';
import { createCommandApi } from '@groupchat/command-api';
import { createQueryApi } from '@groupchat/query-api';
import { createRealtime } from '@groupchat/realtime';
import { startProjectorsThread } from './projectors-host';

/**
 * Every service in one process behind one port: API under /api/v1, WebSocket at /ws, the web
 * app at /. The projectors run on a worker thread of the same process.
 */
export async function startAll(config: Config) {
  const rt = await createRuntime(config, 'groupchat');
  const projectors = await startProjectorsThread(config, rt.log);
  const command = await createCommandApi(rt);
  const query = await createQueryApi(rt);
  const web = config.WEB_DIST && existsSync(config.WEB_DIST) ? config.WEB_DIST : undefined;
  const served = await serve(rt, (app) => {
    const docs = Router();
    serveOpenApi(docs, command.openapi, query.openapi);
    app.use('/api/v1', docs, command.router, query.router);
    if (web) {
      app.use(express.static(web, { index: false, maxAge: '1h', immutable: false }));
      app.get(/^\/(?!api\/|ws$|healthz$|readyz$|metrics$).*/, (_req, res) => res.sendFile('index.html', { root: web, maxAge: 0 }));
    }
  });
  // Send frames reach the command API mounted here over loopback HTTP, as they would reach it in another process.
  const realtime = await createRealtime(rt, served.server, { commandApiUrl: `http://127.0.0.1:${served.port}` });
  rt.log.info({ port: served.port, web: web ?? null }, 'GroupChat listening');
  return {
    rt,
    port: served.port,
    async close() {
      await realtime.close();
      await served.close();
      await Promise.allSettled([command.close(), query.close()]);
      await projectors.close();
      await rt.close();
    },
  };
}
