import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { ApiError } from '../api/errors';
import { dmsApi, type DmListing, type DmPerson } from '../api/dms';
import { groupsApi } from '../api/groups';

/** Asking someone who shares no group with you needs their consent: the server says so with this code. */
export const REQUEST_REQUIRED = 'dm_request_required';
/** Everyone in a conversation besides the caller, at most (ten people in all). */
export const DM_MAX_OTHERS = 9;

const nameOfPerson = (p: DmPerson) => p.displayName || p.username || 'Someone';

/** The caller's direct conversations and the requests waiting for them (GET /dms). */
export const useDmsStore = defineStore('dms', () => {
  const items = ref<DmListing[]>([]);
  const loaded = ref(false);

  const conversations = computed(() => items.value.filter((d) => d.status === 'member'));
  const requests = computed(() => items.value.filter((d) => d.status === 'invited'));
  /** The conversations to follow live, beside the groups. */
  const memberIds = computed(() => conversations.value.map((d) => d.groupId));
  const byId = (groupId: string) => items.value.find((d) => d.groupId === groupId);

  /** What a conversation is called: the people in it besides the caller. */
  function titleOf(groupId: string): string {
    const dm = byId(groupId);
    if (!dm) return 'Direct message';
    return dm.others.length ? dm.others.map(nameOfPerson).join(', ') : 'Just you';
  }

  async function load() {
    items.value = (await dmsApi.list()).items;
    loaded.value = true;
  }

  /**
   * Opens the conversation with these people and answers its id; without `request`, an
   * ApiError with code REQUEST_REQUIRED says some of them must be asked first.
   */
  async function open(userIds: string[], request = false): Promise<string> {
    const { groupId } = await dmsApi.open(userIds, request);
    await load();
    return groupId;
  }

  async function accept(groupId: string) {
    await groupsApi.join(groupId);
    await load();
  }

  /** Declining a request and leaving a conversation are the same: the caller is out of it. */
  async function leave(groupId: string) {
    await groupsApi.leave(groupId);
    items.value = items.value.filter((d) => d.groupId !== groupId);
  }

  function reset() {
    items.value = [];
    loaded.value = false;
  }

  return { items, loaded, conversations, requests, memberIds, byId, titleOf, load, open, accept, leave, reset };
});

export const needsRequest = (err: unknown): err is ApiError => err instanceof ApiError && err.code === REQUEST_REQUIRED;
