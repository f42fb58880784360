import './config';
import { Router } from 'express';
import { authenticate, createRuntime, loadConfig, serve, serveOpenApi, type Config, type OpenApiPart, type Runtime } from '@groupchat/shared';
import { dmRoutes } from './dms/routes';
import { groupRoutes } from './groups/routes';
import { messageRoutes } from './messages/routes';
import { queryOpenApi } from './openapi/paths';
import { notificationRoutes } from './notifications/routes';
import { unreadRoutes } from './unread/routes';
import { userRoutes } from './users/routes';

export interface QueryApi {
  router: Router;
  /** This service's paths in /api/v1/openapi.json. */
  openapi: OpenApiPart;
  close(): Promise<void>;
}

/** Builds the query-api routes (mounted under /api/v1) on a shared runtime. */
export async function createQueryApi(rt: Runtime): Promise<QueryApi> {
  const router = Router();
  // Per route rather than router.use: this router shares /api/v1 with command-api, and must not answer for paths it does not own.
  const auth = authenticate(rt.config);
  userRoutes(router, rt, auth);
  groupRoutes(router, rt, auth);
  dmRoutes(router, rt, auth);
  messageRoutes(router, rt, auth);
  unreadRoutes(router, rt, auth);
  notificationRoutes(router, rt, auth);
  return { router, openapi: queryOpenApi, close: async () => undefined };
}

/** Runs query-api alone on its own port. */
export async function start(config: Config = loadConfig()) {
  const rt = await createRuntime(config, 'query-api');
  const service = await createQueryApi(rt);
  const served = await serve(rt, (app) => {
    const docs = Router();
    serveOpenApi(docs, service.openapi);
    app.use('/api/v1', docs, service.router);
  });
  rt.log.info({ port: served.port }, 'query-api listening');
  return {
    port: served.port,
    async close() {
      await served.close();
      await service.close();
      await rt.close();
    },
  };
}
