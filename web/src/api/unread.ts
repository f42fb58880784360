import type { components } from './generated/openapi';
import { api } from './index';

type Schemas = components['schemas'];
export type UnreadItem = Schemas['UnreadList']['items'][number];

export const unreadApi = {
  list: () => api.get<Schemas['UnreadList']>('/me/unread'),
  /** Moves the caller's read marker forward to a message's position (never backwards, on the server too). */
  mark: (groupId: string, position: string) => api.put<Schemas['MoveReadMarkerResponse']>(`/me/read-markers/${encodeURIComponent(groupId)}`, { position }),
  /** The same in a thread: `position` is the root's or one of its replies'. */
  markThread: (groupId: string, threadId: string, position: string) =>
    api.put<Schemas['MoveReadMarkerResponse']>(`/me/read-markers/${encodeURIComponent(groupId)}`, { position, threadId }),
};
