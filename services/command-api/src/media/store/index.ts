import type { Config } from '@groupchat/shared';
import { createGcsStore } from './gcs';
import { createLocalStore } from './local';
import type { MediaStore } from './store';

export * from './store';
export { createLocalStore } from './local';
export { createGcsStore } from './gcs';

export function createMediaStore(config: Pick<Config, 'MEDIA_STORE' | 'MEDIA_DIR' | 'GCS_BUCKET' | 'GCS_ENDPOINT'>): MediaStore {
  return config.MEDIA_STORE === 'gcs' ? createGcsStore({ bucket: config.GCS_BUCKET, apiEndpoint: config.GCS_ENDPOINT }) : createLocalStore(config.MEDIA_DIR);
}
