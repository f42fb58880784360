import type { BroadcastMinRole, GroupKind, Role, Visibility } from '@groupchat/schemas';
import { groupAccess } from '@groupchat/schemas/access';
import { rankOf } from '@groupchat/schemas/permissions';
import { forbidden, notFound } from '@groupchat/shared';

export const atLeast = (role: Role | null | undefined, min: Role): role is Role => role != null && rankOf(role) >= rankOf(min);

export interface GroupFacts {
  groupId: string;
  visibility: Visibility;
  slowModeSeconds: number;
  deleted: boolean;
  kind: GroupKind;
  broadcastMinRole: BroadcastMinRole;
}

/** A deleted group is gone for everyone; a private one does not exist for outsiders (an invite shows it). */
export function visibleGroup(group: GroupFacts | null, role: Role | null, invited = false): GroupFacts {
  if (!group || !groupAccess(group, { role, invited }).see) throw notFound('group');
  return group;
}

/** The caller must be a member (of a group visible to them) to act in it. */
export function memberOf(group: GroupFacts | null, role: Role | null): Role {
  visibleGroup(group, role);
  if (!role || !groupAccess(group, { role }).participate) throw forbidden('only members of this group can do this', 'not_a_member');
  return role;
}
