/**
 * Who may do what in a group, by role: the one table the command-api decides with and the
 * web offers actions from. Dependency-free so the web bundle can import it.
 */
export type GroupRole = 'owner' | 'admin' | 'moderator' | 'member';

export const GROUP_ROLES: readonly GroupRole[] = ['owner', 'admin', 'moderator', 'member'];

const RANK: Record<GroupRole, number> = { member: 0, moderator: 1, admin: 2, owner: 3 };

/** -1 for a non-member, so a non-member is below every role. */
export const rankOf = (role: GroupRole | null | undefined): number => (role ? RANK[role] : -1);

const atLeast = (role: GroupRole | null | undefined, min: GroupRole) => rankOf(role) >= RANK[min];

export const permissions = {
  /** Name, description, interests, and making a public group private. */
  editGroup: (me: GroupRole | null) => atLeast(me, 'admin'),
  /** Opening a private group exposes its history to anyone, so only an owner may. */
  makePublic: (me: GroupRole | null) => me === 'owner',
  deleteGroup: (me: GroupRole | null) => me === 'owner',
  setSlowMode: (me: GroupRole | null) => atLeast(me, 'moderator'),
  /** Moderators and above post without waiting in slow mode, and delete others' messages. */
  moderate: (me: GroupRole | null) => atLeast(me, 'moderator'),
  invite: (me: GroupRole | null) => atLeast(me, 'moderator'),
  /** In a direct conversation nobody moderates, so every member pins. */
  pin: (me: GroupRole | null, kind: 'group' | 'direct' = 'group') => me !== null && (kind === 'direct' || atLeast(me, 'moderator')),
  /** @here and @everyone, from the group's least role for them. */
  broadcast: (me: GroupRole | null, minRole: GroupRole) => atLeast(me, minRole),
  remove: (me: GroupRole | null, target: GroupRole) => atLeast(me, 'moderator') && rankOf(me) > rankOf(target),
  /** Bans and timeouts, like removals: of a lower role only (anyone who is not a member is lower). */
  ban: (me: GroupRole | null, target: GroupRole | null) => atLeast(me, 'moderator') && rankOf(me) > rankOf(target),
  timeout: (me: GroupRole | null, target: GroupRole) => atLeast(me, 'moderator') && rankOf(me) > rankOf(target),
  /** Owners set any role (the handover included); admins move others only below admin. */
  changeRole: (me: GroupRole | null, target: GroupRole, to?: GroupRole) =>
    me === 'owner' || (me === 'admin' && rankOf(target) < RANK.admin && (to === undefined || rankOf(to) < RANK.admin)),
  assignable: (me: GroupRole | null): GroupRole[] => (me === 'owner' ? [...GROUP_ROLES] : me === 'admin' ? ['moderator', 'member'] : []),
};
