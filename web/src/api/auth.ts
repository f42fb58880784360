import { api } from './index';
import { toUser } from './normalize';
import type { TokenPair } from './tokens';
import type { User } from './types';

export interface RegisterInput {
  username: string;
  email: string;
  password: string;
  displayName?: string;
  interests?: string[];
}

export const authApi = {
  register: (input: RegisterInput) => api.post<{ userId: string; position: string }>('/auth/register', input, { anonymous: true }),
  async login(login: string, password: string): Promise<TokenPair & { user: User | null }> {
    const res = await api.post<TokenPair & { user?: Record<string, unknown> }>('/auth/login', { login, password }, { anonymous: true });
    return { ...res, user: res.user ? toUser(res.user) : null };
  },
  /** Revokes the login whose refresh cookie this browser holds, and clears the cookie. */
  logout: () => api.post<void>('/auth/logout', undefined, { anonymous: true }),
  me: async () => toUser(await api.get<Record<string, unknown>>('/me')),
  updateMe: (patch: Partial<Pick<User, 'displayName' | 'bio' | 'interests' | 'avatarMediaId'>>) => api.patch<{ position?: string }>('/me', patch),
};
