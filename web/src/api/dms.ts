import type { components } from './generated/openapi';
import { api } from './index';

type Schemas = components['schemas'];
export type DmListing = Schemas['DmList']['items'][number];
export type DmPerson = DmListing['others'][number];

export const dmsApi = {
  list: () => api.get<Schemas['DmList']>('/dms'),
  /** The conversation of the caller and these people, new or existing; `request` asks those who share no group. */
  open: (userIds: string[], request = false) => api.post<Schemas['OpenDmResponse']>('/dms', request ? { userIds, request } : { userIds }),
};
