import { api } from './index';
import { enc } from './groups';
import { toUser } from './normalize';
import type { Page, User } from './types';

export const usersApi = {
  search: async (q: string) => {
    const res = await api.get<Page<Record<string, unknown>> | Record<string, unknown>[]>('/users', { q, limit: 10 });
    return (Array.isArray(res) ? res : res.items).map(toUser);
  },
  get: async (id: string): Promise<User> => toUser(await api.get<Record<string, unknown>>(`/users/${enc(id)}`)),
};
