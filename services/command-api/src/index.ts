import './config';
import { fileURLToPath } from 'node:url';
import { Router } from 'express';
import { EventLog, createRuntime, loadConfig, migrate, serve, serveOpenApi, vapidKeys, type Config, type OpenApiPart, type Runtime } from '@groupchat/shared';
import { authRoutes } from './accounts/routes';
import { parseCookies } from './accounts/refresh-cookie';
import { preparePasswords } from './accounts/passwords';
import { profileRoutes } from './accounts/profile-routes';
import { accountMail } from './accounts/account-mail';
import { AccountTokens } from './accounts/account-tokens';
import { emailRoutes } from './accounts/email-routes';
import { passwordResetRoutes } from './accounts/password-reset';
import { createMailer } from './mail/mailer';
import { commandContext } from './http/context';
import { commandErrors } from './http/errors';
import { CommandRoutes } from './http/routes';
import { GroupHeads } from './groups/heads';
import { dataExportRoutes } from './exports/routes';
import { createMediaRoutes } from './media';
import { createLinkPreviewRoutes } from './link-previews';
import { groupRoutes } from './groups/routes';
import { dmRoutes } from './dms/routes';
import { messageRoutes } from './messages/routes';
import { blockRoutes } from './moderation/blocks';
import { reportRoutes } from './moderation/reports';
import { inviteLinkRoutes } from './moderation/invite-links';
import { moderationRoutes } from './moderation/routes';
import { notificationRoutes } from './notifications/routes';
import { readMarkerRoutes } from './read-markers/routes';

export interface CommandApi {
  router: Router;
  /** This service's paths in /api/v1/openapi.json. */
  openapi: OpenApiPart;
  close(): Promise<void>;
}

const AUTH_BODY_LIMIT = '16kb';
const MIGRATIONS = fileURLToPath(new URL('../migrations/', import.meta.url));

/** Builds the command-api routes (mounted under /api/v1) on a shared runtime. */
export async function createCommandApi(rt: Runtime): Promise<CommandApi> {
  await migrate(rt.pool, 'command-api', MIGRATIONS);
  // Made on first start and kept: browsers subscribe with its public half (docs/notifications.md).
  await vapidKeys(rt.pool, rt.config);
  const [log] = await Promise.all([EventLog.connect(rt.kafka, rt.config, rt.serde), preparePasswords()]);
  const ctx = commandContext(rt, log);
  const routes = new CommandRoutes();
  const heads = await GroupHeads.start(rt);
  // Nothing a sign-in form sends comes near 16 KB; the limit caps what validation ever sees.
  routes.limitBodies('/auth/', AUTH_BODY_LIMIT);
  routes.router.use('/auth', parseCookies);
  const mailer = createMailer(rt.config, rt.log);
  const tokens = new AccountTokens(rt.pool);
  const mail = accountMail(rt.config, tokens, mailer, rt.log);
  const { credentials, checkPassword, refreshTokens } = authRoutes(routes, ctx, mail);
  emailRoutes(routes, ctx, { tokens, mail, checkPassword });
  passwordResetRoutes(routes, ctx, { tokens, mail, refreshTokens });
  profileRoutes(routes, ctx, credentials);
  groupRoutes(routes, ctx, heads, credentials);
  moderationRoutes(routes, ctx, heads, credentials);
  inviteLinkRoutes(routes, ctx, heads);
  reportRoutes(routes, ctx, heads, credentials);
  blockRoutes(routes, ctx, credentials);
  dmRoutes(routes, ctx, heads, credentials);
  const messages = await messageRoutes(routes, ctx, heads);
  const markers = readMarkerRoutes(routes, ctx, heads);
  notificationRoutes(routes, ctx, heads);
  const media = await createMediaRoutes(rt);
  routes.router.use(media.router);
  const previews = await createLinkPreviewRoutes(rt, media.store);
  routes.router.use(previews.router);
  const exports = dataExportRoutes(routes, ctx, media.store);
  routes.router.use(commandErrors);
  const openapi = {
    paths: { ...routes.openapi.paths, ...media.openapi.paths, ...previews.openapi.paths },
    schemas: { ...routes.openapi.schemas, ...media.openapi.schemas, ...previews.openapi.schemas },
  };
  return {
    router: routes.router,
    openapi,
    async close() {
      await exports.close();
      await Promise.all([media.close(), previews.close()]);
      await Promise.all([heads.close(), messages.close(), markers.close()]);
      await Promise.all([log.close(), mailer.close()]);
    },
  };
}

/** Runs command-api alone on its own port. */
export async function start(config: Config = loadConfig()) {
  const rt = await createRuntime(config, 'command-api');
  const service = await createCommandApi(rt);
  const served = await serve(rt, (app) => {
    const docs = Router();
    serveOpenApi(docs, service.openapi);
    app.use('/api/v1', docs, service.router);
  });
  rt.log.info({ port: served.port }, 'command-api listening');
  return {
    port: served.port,
    async close() {
      await served.close();
      await service.close();
      await rt.close();
    },
  };
}
