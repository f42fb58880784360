import type { components } from './generated/openapi';
import { api } from './index';

type Schemas = components['schemas'];
export type InviteLink = Schemas['InviteLinkList']['items'][number];
export type InviteLinkPreview = Schemas['InviteLinkPreview'];

const enc = encodeURIComponent;

/** Invite links (docs/moderation.md): moderators manage them, anyone signed in opens one. */
export const inviteLinksApi = {
  create: (groupId: string, input: { expiresAt?: string; maxUses?: number }) =>
    api.post<Schemas['CreateInviteLinkResponse']>(`/groups/${enc(groupId)}/invite-links`, input),
  list: (groupId: string) => api.get<Schemas['InviteLinkList']>(`/groups/${enc(groupId)}/invite-links`),
  revoke: (groupId: string, code: string) => api.del<{ position: string }>(`/groups/${enc(groupId)}/invite-links/${enc(code)}`),
  preview: (code: string) => api.get<InviteLinkPreview>(`/invite-links/${enc(code)}`),
  join: (code: string) => api.post<Schemas['JoinByLinkResponse']>(`/invite-links/${enc(code)}/join`),
};
