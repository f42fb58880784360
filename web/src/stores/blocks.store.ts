import { defineStore } from 'pinia';
import { reactive } from 'vue';
import { blocksApi } from '../api/blocks';
import { useAuthStore } from './auth.store';

/**
 * The people the signed-in user has blocked: their messages are collapsed until shown (the
 * server already leaves their presence and typing out). Loaded on first use for each user.
 */
export const useBlocksStore = defineStore('blocks', () => {
  const auth = useAuthStore();
  const blocked = reactive(new Set<string>());
  let loadedFor: string | null = null;

  function ensure() {
    if (!auth.userId || loadedFor === auth.userId) return;
    const user = (loadedFor = auth.userId);
    blocked.clear();
    blocksApi.list().then(
      (r) => loadedFor === user && r.items.forEach((i) => blocked.add(i.userId)),
      () => (loadedFor = null),
    );
  }

  function has(userId: string): boolean {
    ensure();
    return blocked.has(userId);
  }

  async function block(userId: string) {
    await blocksApi.block(userId);
    blocked.add(userId);
  }

  async function unblock(userId: string) {
    await blocksApi.unblock(userId);
    blocked.delete(userId);
  }

  return { has, block, unblock };
});
