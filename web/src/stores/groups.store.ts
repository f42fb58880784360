import { defineStore } from 'pinia';
import { computed, reactive, ref } from 'vue';
import { ApiError } from '../api/errors';
import { groupsApi, type GroupInput, type GroupPatch, type Invite } from '../api/groups';
import type { GroupDetail, GroupSummary, Member, Role } from '../api/types';

/** The caller's groups (with roles), pending invites, and the details and members of groups looked at. */
export const useGroupsStore = defineStore('groups', () => {
  const mine = ref<GroupSummary[]>([]);
  const invites = ref<Invite[]>([]);
  const loaded = ref(false);
  const details = reactive(new Map<string, GroupDetail>());
  const members = reactive(new Map<string, Member[]>());

  const myIds = computed(() => new Set(mine.value.map((g) => g.id)));
  const roleIn = (groupId: string): Role | null => mine.value.find((g) => g.id === groupId)?.myRole ?? details.get(groupId)?.myRole ?? null;

  async function loadMine() {
    const res = await groupsApi.mine();
    mine.value = res.groups;
    invites.value = res.invites;
    loaded.value = true;
  }

  async function load(groupId: string): Promise<GroupDetail> {
    const detail = await groupsApi.get(groupId).catch((err: unknown) => {
      if (err instanceof ApiError && err.status === 404) details.delete(groupId);
      throw err;
    });
    details.set(groupId, detail);
    const i = mine.value.findIndex((g) => g.id === groupId);
    if (i >= 0) mine.value[i] = { ...mine.value[i]!, ...detail, myRole: detail.myRole ?? mine.value[i]!.myRole };
    return detail;
  }

  async function loadMembers(groupId: string): Promise<Member[]> {
    const all: Member[] = [];
    let cursor: string | undefined;
    do {
      const page = await groupsApi.members(groupId, cursor);
      all.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor && all.length < 2000);
    members.set(groupId, all);
    return all;
  }

  async function create(input: GroupInput): Promise<string> {
    const { groupId } = await groupsApi.create(input);
    mine.value = [...mine.value, { id: groupId, ...input, memberCount: 1, myRole: 'owner' }];
    return groupId;
  }

  async function join(group: GroupSummary) {
    await groupsApi.join(group.id);
    invites.value = invites.value.filter((i) => i.groupId !== group.id);
    if (!myIds.value.has(group.id)) mine.value = [...mine.value, { ...group, myRole: 'member', memberCount: group.memberCount + 1 }];
  }

  async function leave(groupId: string) {
    await groupsApi.leave(groupId);
    drop(groupId);
  }

  async function remove(groupId: string) {
    await groupsApi.remove(groupId);
    drop(groupId);
  }

  async function update(groupId: string, patch: GroupPatch) {
    await groupsApi.update(groupId, patch);
    const d = details.get(groupId);
    if (d) details.set(groupId, { ...d, ...patch });
    mine.value = mine.value.map((g) => (g.id === groupId ? { ...g, ...patch } : g));
  }

  /** Role changes and removals are applied locally first and rolled back if refused. */
  async function setRole(groupId: string, userId: string, role: Role) {
    const list = members.get(groupId) ?? [];
    const before = list.find((m) => m.userId === userId)?.role;
    members.set(
      groupId,
      list.map((m) => (m.userId === userId ? { ...m, role } : m)),
    );
    try {
      await groupsApi.setRole(groupId, userId, role);
    } catch (err) {
      if (before)
        members.set(
          groupId,
          (members.get(groupId) ?? []).map((m) => (m.userId === userId ? { ...m, role: before } : m)),
        );
      throw err;
    }
  }

  async function removeMember(groupId: string, userId: string) {
    const list = members.get(groupId) ?? [];
    members.set(
      groupId,
      list.filter((m) => m.userId !== userId),
    );
    try {
      await groupsApi.removeMember(groupId, userId);
    } catch (err) {
      members.set(groupId, list);
      throw err;
    }
  }

  const invite = (groupId: string, userId: string) => groupsApi.invite(groupId, userId);

  function drop(groupId: string) {
    mine.value = mine.value.filter((g) => g.id !== groupId);
    details.delete(groupId);
    members.delete(groupId);
  }

  function reset() {
    mine.value = [];
    invites.value = [];
    loaded.value = false;
    details.clear();
    members.clear();
  }

  return {
    mine,
    invites,
    loaded,
    details,
    members,
    myIds,
    roleIn,
    loadMine,
    load,
    loadMembers,
    create,
    join,
    leave,
    remove,
    update,
    setRole,
    removeMember,
    invite,
    drop,
    reset,
  };
});
