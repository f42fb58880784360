import { api } from './index';
import type { components } from './generated/openapi';

export type LinkPreview = components['schemas']['LinkPreview'];

/** The API's own paths come back absolute (`/api/v1/…`); the client adds its base itself. */
const relative = (path: string) => path.replace(/^\/api\/v1(?=\/)/, '');

export const linkPreviewsApi = {
  get: (url: string, signal?: AbortSignal) => api.get<LinkPreview>('/link-previews', { url }, signal),
  image: (imageUrl: string) => api.blob(relative(imageUrl)),
};
