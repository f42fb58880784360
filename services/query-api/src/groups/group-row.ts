import { retentionDaysSql } from '@groupchat/shared';
import type { Role } from '../access';

/** The columns of the `groups` view every group listing selects, plus the caller's role. */
export const GROUP_COLUMNS = `g.group_id, g.name, g.description, g.interests, g.visibility, g.owner_id, g.slow_mode_seconds,
  g.member_count, g.created_at, g.updated_at, g.last_activity_at, g.kind, g.broadcast_min_role, ${retentionDaysSql('g')} AS retention_days`;

export interface GroupRow {
  group_id: string;
  name: string;
  description: string;
  interests: string[];
  visibility: 'public' | 'private';
  owner_id: string;
  slow_mode_seconds: number;
  member_count: number;
  created_at: Date;
  updated_at: Date;
  last_activity_at: Date | null;
  kind: 'group' | 'direct';
  broadcast_min_role: Role;
  retention_days: number | null;
  my_role: Role | null;
}

export interface GroupSummary {
  id: string;
  name: string;
  description: string;
  interests: string[];
  visibility: 'public' | 'private';
  memberCount: number;
  lastActivityAt: string | null;
  myRole: Role | null;
}

export function groupSummary(r: GroupRow): GroupSummary {
  return {
    id: r.group_id,
    name: r.name,
    description: r.description,
    interests: r.interests ?? [],
    visibility: r.visibility,
    memberCount: r.member_count,
    lastActivityAt: r.last_activity_at ? r.last_activity_at.toISOString() : null,
    myRole: r.my_role,
  };
}

export function groupDetail(r: GroupRow & { invited: boolean }) {
  return {
    ...groupSummary(r),
    ownerId: r.owner_id,
    slowModeSeconds: r.slow_mode_seconds,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    invited: r.invited,
    kind: r.kind,
    broadcastMinRole: r.broadcast_min_role,
    retentionDays: r.retention_days,
  };
}
