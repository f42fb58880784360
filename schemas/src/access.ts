/**
 * Who may see, read, take part in and moderate a group: the one access rule. The command
 * side, realtime and the web decide with `groupAccess`; query-api and media read the
 * `group_access(group_id, user_id)` function the groups projection publishes from
 * `GROUP_ACCESS_SQL`, which a test holds equal to `groupAccess` for every case. Direct
 * messages and bans (docs/moderation.md) changed this module and nothing else.
 * Dependency-free so the web bundle can import it.
 */
import { permissions, type GroupRole } from './permissions';

export interface GroupAccessFacts {
  visibility: 'public' | 'private';
  deleted: boolean;
  /** A direct conversation (docs/direct-messages.md) is private whatever it says, and nobody moderates it. Absent: a group. */
  kind?: 'group' | 'direct';
}

/** The caller's standing in the group: their role if a member, whether they hold an invite, and whether a ban is in force. */
export interface Standing {
  role: GroupRole | null;
  invited?: boolean;
  /** Banned and the ban not over: a ban ends the membership, so only a non-member is banned. */
  banned?: boolean;
}

export interface GroupAccess {
  /** The group exists for them; otherwise it answers as an unknown id (private groups cannot be probed). */
  see: boolean;
  /** Its history, members and shared media. */
  read: boolean;
  /** Post, react, follow its live stream: members only. */
  participate: boolean;
  /** Delete others' messages, skip slow mode. */
  moderate: boolean;
  /** Join it now: public, or private with an invite; not already a member. */
  join: boolean;
}

const NONE: GroupAccess = { see: false, read: false, participate: false, moderate: false, join: false };

export function groupAccess(group: GroupAccessFacts | null | undefined, { role, invited = false, banned = false }: Standing): GroupAccess {
  if (!group || group.deleted) return NONE;
  const member = role !== null;
  const direct = group.kind === 'direct';
  const open = group.visibility === 'public' && !direct;
  // A banned user still sees that a public group exists (and why they cannot read it); nothing more.
  const outcast = banned && !member;
  return {
    see: open || member || (invited && !outcast),
    read: (open && !outcast) || member,
    participate: member,
    moderate: !direct && permissions.moderate(role),
    join: !member && !outcast && (open || invited),
  };
}

/**
 * `groupAccess` in SQL, over the groups projection's views: one row for a group that exists
 * (deleted or not), none for an unknown id. A `sql` function with a plain body is inlined
 * into the query that calls it, lateral joins included.
 */
export const GROUP_ACCESS_SQL = `
CREATE OR REPLACE FUNCTION group_access(p_group_id text, p_user_id text)
RETURNS TABLE (group_id text, role text, invited boolean, can_see boolean, can_read boolean, can_participate boolean, can_moderate boolean, can_join boolean)
LANGUAGE sql STABLE AS $$
  SELECT g.group_id, me.role, inv.user_id IS NOT NULL,
         NOT g.deleted AND ((g.visibility = 'public' AND g.kind <> 'direct') OR me.user_id IS NOT NULL OR (inv.user_id IS NOT NULL AND NOT x.outcast)),
         NOT g.deleted AND ((g.visibility = 'public' AND g.kind <> 'direct' AND NOT x.outcast) OR me.user_id IS NOT NULL),
         NOT g.deleted AND me.user_id IS NOT NULL,
         NOT g.deleted AND g.kind <> 'direct' AND coalesce(me.role IN ('owner', 'admin', 'moderator'), false),
         NOT g.deleted AND me.user_id IS NULL AND NOT x.outcast AND ((g.visibility = 'public' AND g.kind <> 'direct') OR inv.user_id IS NOT NULL)
    FROM groups g
    LEFT JOIN memberships me ON me.group_id = g.group_id AND me.user_id = p_user_id
    LEFT JOIN invites inv ON inv.group_id = g.group_id AND inv.user_id = p_user_id
    LEFT JOIN bans b ON b.group_id = g.group_id AND b.user_id = p_user_id AND (b.until IS NULL OR b.until > now())
    CROSS JOIN LATERAL (SELECT b.user_id IS NOT NULL AND me.user_id IS NULL AS outcast) x
   WHERE g.group_id = p_group_id
$$`;

/**
 * `groupAccess(…).see` for the search index of groups (deleted groups are not in it; invites
 * are not either, so only public groups and the caller's own): part of the query itself, so a
 * route cannot forget it, and totals and facet counts never include hidden groups.
 */
export function visibleGroupsSearchFilter(memberGroupIds: string[]) {
  return {
    bool: {
      // A group's document without visibility is one whose GroupCreated is not applied yet (a message came first).
      filter: [{ exists: { field: 'visibility' } }],
      should: [{ term: { visibility: 'public' } }, ...(memberGroupIds.length ? [{ terms: { group_id: memberGroupIds } }] : [])],
      minimum_should_match: 1,
    },
  };
}
