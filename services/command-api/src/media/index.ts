import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Router } from 'express';
import { migrate, type OpenApiPart, type Runtime } from '@groupchat/shared';
import { mediaOpenApi } from './openapi';
import { mediaRouter } from './routes';
import { createUrlSigner } from './signed-url';
import { createMediaStore, type MediaStore } from './store';
import { startSweeper } from './sweeper';

export { createMediaStore, createLocalStore, createGcsStore, MediaObjectMissing, type MediaStore, type ByteRange, type StoredObject } from './store';
export { sweepUnattached } from './sweeper';

export interface MediaRoutes {
  router: Router;
  openapi: OpenApiPart;
  store: MediaStore;
  close(): Promise<void>;
}

const MIGRATIONS = fileURLToPath(new URL('./migrations', import.meta.url));

/**
 * POST /media, GET /media/:id, /media/:id/thumbnail and /media/:id/links (relative to /api/v1),
 * and the sweeper of unattached uploads. Call after the command-api's migrations have run.
 */
export async function createMediaRoutes(rt: Runtime, options: { store?: MediaStore } = {}): Promise<MediaRoutes> {
  const { config, log, pool } = rt;
  await migrate(pool, 'media', MIGRATIONS);
  const store = options.store ?? createMediaStore(config);
  const signer = createUrlSigner(config.MEDIA_URL_SECRET, config.MEDIA_URL_TTL_SECONDS);
  const tmpDir = config.MEDIA_TMP_DIR ?? join(tmpdir(), 'groupchat-uploads');
  const router = mediaRouter({ config, log: log.child({ component: 'media' }), pool, store, signer, tmpDir });
  const sweeper = startSweeper(pool, store, log, { ttlSeconds: config.MEDIA_UNATTACHED_TTL_SECONDS, intervalSeconds: config.MEDIA_SWEEP_INTERVAL_SECONDS });
  return {
    router,
    openapi: mediaOpenApi,
    store,
    close: () => sweeper.stop(),
  };
}
