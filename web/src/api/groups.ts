import { api } from './index';
import type { GroupDetail, GroupSummary, Member, Page, Role, Visibility } from './types';

export interface GroupInput {
  name: string;
  description: string;
  interests: string[];
  visibility: Visibility;
}

interface MyGroupRow {
  groupId: string;
  name: string;
  visibility: Visibility;
  role: Role;
}

export interface Invite {
  groupId: string;
  name: string;
  invitedBy: string;
  invitedAt: string;
}

/** What PATCH /groups/{id} takes: the description fields and the settings. */
export type GroupPatch = Partial<GroupInput> & { slowModeSeconds?: number; broadcastMinRole?: Role; retentionDays?: number | null };

export interface GroupSearch {
  q?: string;
  interest?: string[];
  cursor?: string;
  limit?: number;
}

export const groupsApi = {
  search: (s: GroupSearch, signal?: AbortSignal) =>
    api.get<Page<GroupSummary> & { total?: number; facets?: { interests?: { value: string; count: number }[] } }>(
      '/groups',
      { q: s.q, interest: s.interest?.join(','), cursor: s.cursor, limit: s.limit ?? 20 },
      signal,
    ),
  recommended: () => api.get<Page<GroupSummary> | GroupSummary[]>('/groups/recommended').then(itemsOf),
  /** The caller's groups and pending invites, from /me. */
  async mine(): Promise<{ groups: GroupSummary[]; invites: Invite[] }> {
    const me = await api.get<{ groups?: MyGroupRow[]; invites?: Invite[] }>('/me');
    return {
      groups: (me.groups ?? []).map((g) => ({
        id: g.groupId,
        name: g.name,
        description: '',
        interests: [],
        visibility: g.visibility,
        memberCount: 0,
        myRole: g.role,
      })),
      invites: me.invites ?? [],
    };
  },
  get: (id: string) => api.get<GroupDetail>(`/groups/${enc(id)}`),
  create: (input: GroupInput) => api.post<{ groupId: string; position: string }>('/groups', input),
  update: (id: string, patch: GroupPatch) => api.patch<{ position: string }>(`/groups/${enc(id)}`, patch),
  remove: (id: string) => api.del<{ position: string }>(`/groups/${enc(id)}`),
  join: (id: string) => api.post<{ position: string }>(`/groups/${enc(id)}/join`),
  leave: (id: string) => api.post<{ position: string }>(`/groups/${enc(id)}/leave`),
  invite: (id: string, userId: string) => api.post<{ position: string }>(`/groups/${enc(id)}/invites`, { userId }),
  members: (id: string, cursor?: string) => api.get<Page<Member>>(`/groups/${enc(id)}/members`, { cursor, limit: 100 }),
  removeMember: (id: string, userId: string) => api.del<{ position: string }>(`/groups/${enc(id)}/members/${enc(userId)}`),
  setRole: (id: string, userId: string, role: Role) => api.put<{ position: string }>(`/groups/${enc(id)}/members/${enc(userId)}/role`, { role }),
};

function itemsOf<T>(res: Page<T> | T[]): T[] {
  return Array.isArray(res) ? res : res.items;
}

export const enc = encodeURIComponent;
