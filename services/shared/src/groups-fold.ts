import type { BroadcastMinRole, DomainEvent, GroupKind, Role, Visibility } from '@groupchat/schemas';

/** What a command on a group is decided on: the group itself and its members' roles. */
export interface GroupSnapshot {
  groupId: string;
  visibility: Visibility;
  slowModeSeconds: number;
  deleted: boolean;
  kind: GroupKind;
  /** The least role that may mention @here and @everyone. */
  broadcastMinRole: BroadcastMinRole;
}

interface GroupRecord {
  group: GroupSnapshot | null;
  members: Map<string, Role>;
  /** Bans by user: until when (null: permanent). Kept after they end; readers compare with the clock. */
  bans: Map<string, number | null>;
  /** Timeouts by user: until when. */
  timeouts: Map<string, number>;
  /** When each member joined (ms), for slow mode of new members. */
  joined: Map<string, number>;
  autoModeration?: AutoModeration;
}

/** A group's automatic moderation (docs/moderation.md), as the last AutoModerationSet says. */
export interface AutoModeration {
  /** Changes whenever the settings do: a key for compiled patterns. */
  version: string;
  patterns: string[];
  action: 'flag' | 'refuse';
  newMemberMinutes: number;
  newMemberSlowModeSeconds: number;
}

/**
 * Groups and memberships folded from the groups topic, the same way the `groups` projection
 * folds them (docs/read-models.md): a repeated creation or join keeps the first, a role change
 * applies only to a member, memberships outlive nothing but their own end.
 */
export class GroupsFold {
  private readonly groups = new Map<string, GroupRecord>();

  group(groupId: string): GroupSnapshot | null {
    return this.groups.get(groupId)?.group ?? null;
  }

  roleOf(groupId: string, userId: string): Role | null {
    return this.groups.get(groupId)?.members.get(userId) ?? null;
  }

  /** When the member joined (ms), if a member. */
  joinedAt(groupId: string, userId: string): number | null {
    return this.groups.get(groupId)?.joined.get(userId) ?? null;
  }

  autoModeration(groupId: string): AutoModeration | null {
    return this.groups.get(groupId)?.autoModeration ?? null;
  }

  /** Whether a ban of the user is in force at `now`. */
  banned(groupId: string, userId: string, now = Date.now()): boolean {
    const bans = this.groups.get(groupId)?.bans;
    if (!bans?.has(userId)) return false;
    const until = bans.get(userId)!;
    return until === null || until > now;
  }

  /** The end of the user's timeout when one is in force at `now`, else null. */
  timedOutUntil(groupId: string, userId: string, now = Date.now()): number | null {
    const until = this.groups.get(groupId)?.timeouts.get(userId);
    return until !== undefined && until > now ? until : null;
  }

  apply(e: DomainEvent): void {
    switch (e.type) {
      case 'GroupCreated': {
        const r = this.record(e.groupId);
        r.group ??= {
          groupId: e.groupId,
          visibility: e.visibility,
          slowModeSeconds: e.slowModeSeconds,
          deleted: false,
          kind: e.kind,
          broadcastMinRole: e.broadcastMinRole,
        };
        return;
      }
      case 'GroupUpdated': {
        const g = this.group(e.groupId);
        if (g) {
          Object.assign(g, {
            visibility: e.visibility ?? g.visibility,
            slowModeSeconds: e.slowModeSeconds ?? g.slowModeSeconds,
            broadcastMinRole: e.broadcastMinRole ?? g.broadcastMinRole,
          });
        }
        return;
      }
      case 'GroupDeleted': {
        const g = this.group(e.groupId);
        if (g) g.deleted = true;
        return;
      }
      case 'MemberJoined': {
        const r = this.record(e.groupId);
        if (!r.members.has(e.userId)) {
          r.members.set(e.userId, e.role);
          r.joined.set(e.userId, e.occurredAt);
        }
        return;
      }
      case 'MemberLeft':
      case 'MemberRemoved':
        this.groups.get(e.groupId)?.members.delete(e.userId);
        this.groups.get(e.groupId)?.joined.delete(e.userId);
        return;
      case 'AutoModerationSet':
        this.record(e.groupId).autoModeration = {
          version: e.eventId,
          patterns: e.patterns,
          action: e.action,
          newMemberMinutes: e.newMemberMinutes,
          newMemberSlowModeSeconds: e.newMemberSlowModeSeconds,
        };
        return;
      case 'MemberBanned':
        this.record(e.groupId).bans.set(e.userId, e.until);
        return;
      case 'MemberUnbanned':
        this.groups.get(e.groupId)?.bans.delete(e.userId);
        return;
      case 'MemberTimedOut':
        this.record(e.groupId).timeouts.set(e.userId, e.until);
        return;
      case 'MemberRoleChanged': {
        const members = this.groups.get(e.groupId)?.members;
        if (members?.has(e.userId)) members.set(e.userId, e.role);
        return;
      }
      default:
    }
  }

  private record(groupId: string): GroupRecord {
    let r = this.groups.get(groupId);
    if (!r) this.groups.set(groupId, (r = { group: null, members: new Map(), bans: new Map(), timeouts: new Map(), joined: new Map() }));
    return r;
  }
}
