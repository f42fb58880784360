import type { components } from './generated/openapi';
import { api } from './index';

type Schemas = components['schemas'];
export type Blocked = Schemas['BlockList']['items'][number];

const enc = encodeURIComponent;

/** Blocking (docs/moderation.md): only the blocker ever sees a block. */
export const blocksApi = {
  list: () => api.get<Schemas['BlockList']>('/me/blocks'),
  block: (userId: string) => api.put<Schemas['BlockResponse']>(`/me/blocks/${enc(userId)}`),
  unblock: (userId: string) => api.del<Schemas['BlockResponse']>(`/me/blocks/${enc(userId)}`),
};
