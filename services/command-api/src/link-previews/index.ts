import { fileURLToPath } from 'node:url';
import type { Router } from 'express';
import { migrate, type OpenApiPart, type Runtime } from '@groupchat/shared';
import { decodeSlots } from '../media/decode-slots';
import type { MediaStore } from '../media/store';
import { linkPreviewOpenApi } from './openapi';
import { linkPreviewRouter } from './routes';
import { createPreviewService } from './service';
import { startPreviewSweeper } from './sweeper';

export { classifyAddress, type AddressPolicy } from '@groupchat/shared';
export { sweepExpiredPreviews } from './sweeper';

const MIGRATIONS = fileURLToPath(new URL('./migrations', import.meta.url));
const MAX_REDIRECTS = 3;
export const PREVIEW_USER_AGENT = 'GroupChatBot/1.0 (link previews)';

/** The link-preview routes and their cache's sweeper, on the media routes' store; call after the command-api's migrations. */
export async function createLinkPreviewRoutes(rt: Runtime, store: MediaStore): Promise<{ router: Router; openapi: OpenApiPart; close(): Promise<void> }> {
  const { config, pool } = rt;
  await migrate(pool, 'link-previews', MIGRATIONS);
  const previews = createPreviewService({
    pool,
    store,
    // Preview images are small once fetched; one at a time keeps them from crowding out uploads.
    decode: decodeSlots({ concurrency: 1, queue: 8 }),
    log: rt.log.child({ component: 'link-previews' }),
    policy: { allowLoopback: config.LINK_PREVIEW_ALLOW_LOOPBACK, maxRedirects: MAX_REDIRECTS, userAgent: PREVIEW_USER_AGENT },
    settings: {
      timeoutMs: config.LINK_PREVIEW_TIMEOUT_MS,
      maxHtmlBytes: config.LINK_PREVIEW_MAX_HTML_BYTES,
      maxImageBytes: config.LINK_PREVIEW_MAX_IMAGE_BYTES,
      maxImagePixels: config.LINK_PREVIEW_MAX_IMAGE_PIXELS,
      ttlSeconds: config.LINK_PREVIEW_TTL_SECONDS,
      failureTtlSeconds: config.LINK_PREVIEW_FAILURE_TTL_SECONDS,
    },
  });
  const sweeper = startPreviewSweeper(pool, store, rt.log.child({ component: 'link-previews' }));
  return { router: linkPreviewRouter({ config, pool, store, previews }), openapi: linkPreviewOpenApi, close: () => sweeper.stop() };
}
