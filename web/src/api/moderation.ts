import type { components } from './generated/openapi';
import { api } from './index';

type Schemas = components['schemas'];
export type Ban = Schemas['BanList']['items'][number];
export type PendingInvite = Schemas['InviteList']['items'][number];
export type BanInput = Omit<Schemas['BanRequest'], 'userId'>;

const enc = encodeURIComponent;

/** Bans and timeouts (docs/moderation.md), for moderators and up. */
export const moderationApi = {
  ban: (groupId: string, userId: string, input: BanInput) => api.post<Schemas['BanResponse']>(`/groups/${enc(groupId)}/bans`, { userId, ...input }),
  unban: (groupId: string, userId: string) => api.del<{ position: string }>(`/groups/${enc(groupId)}/bans/${enc(userId)}`),
  bans: (groupId: string) => api.get<Schemas['BanList']>(`/groups/${enc(groupId)}/bans`),
  /** Invites by user not yet used or lapsed (moderators and up), and taking one back. */
  invites: (groupId: string) => api.get<Schemas['InviteList']>(`/groups/${enc(groupId)}/invites`),
  revokeInvite: (groupId: string, userId: string) => api.del<{ position: string }>(`/groups/${enc(groupId)}/invites/${enc(userId)}`),
  timeout: (groupId: string, userId: string, until: string, reason?: string) =>
    api.post<{ position: string }>(`/groups/${enc(groupId)}/timeouts`, { userId, until, ...(reason ? { reason } : {}) }),
};

export type AutoModerationSettings = Schemas['AutoModerationSettings'];

/** Automatic moderation (docs/moderation.md): admins and owners set it, moderators read it. */
export const autoModerationApi = {
  get: (groupId: string) => api.get<AutoModerationSettings>(`/groups/${enc(groupId)}/auto-moderation`),
  set: (groupId: string, settings: AutoModerationSettings) => api.put<{ position: string }>(`/groups/${enc(groupId)}/auto-moderation`, settings),
};
