import type { Role } from '../api/types';

const RANK: Record<Role, number> = { member: 0, moderator: 1, admin: 2, owner: 3 };

export const ROLES: Role[] = ['owner', 'admin', 'moderator', 'member'];

export const rank = (r: Role | null | undefined): number => (r ? RANK[r] : -1);

/** Mirrors the server's permission table so the UI offers only what would be allowed. */
export const can = {
  editGroup: (me: Role | null) => rank(me) >= RANK.admin,
  setSlowMode: (me: Role | null) => rank(me) >= RANK.moderator,
  deleteGroup: (me: Role | null) => me === 'owner',
  remove: (me: Role | null, target: Role) => rank(me) >= RANK.moderator && rank(me) > rank(target),
  changeRole: (me: Role | null, target: Role) => me === 'owner' || (me === 'admin' && rank(target) < RANK.admin),
  assignable: (me: Role | null): Role[] => (me === 'owner' ? ROLES : me === 'admin' ? ['moderator', 'member'] : []),
};
