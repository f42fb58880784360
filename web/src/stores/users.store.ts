import { defineStore } from 'pinia';
import { reactive } from 'vue';
import { usersApi } from '../api/users';

export interface UserCard {
  id: string;
  username: string | null;
  displayName: string | null;
  avatarMediaId: string | null;
}

/** Names and avatars of other people, remembered from members lists and history, fetched once when missing. */
export const useUsersStore = defineStore('users', () => {
  const byId = reactive(new Map<string, UserCard>());
  const inFlight = new Map<string, Promise<void>>();

  function remember(card: UserCard) {
    const known = byId.get(card.id);
    byId.set(card.id, {
      id: card.id,
      username: card.username ?? known?.username ?? null,
      displayName: card.displayName ?? known?.displayName ?? null,
      avatarMediaId: card.avatarMediaId ?? known?.avatarMediaId ?? null,
    });
  }

  function ensure(id: string): Promise<void> {
    if (!id || byId.has(id)) return Promise.resolve();
    let pending = inFlight.get(id);
    if (!pending) {
      pending = usersApi
        .get(id)
        .then((u) => remember({ id, username: u.username, displayName: u.displayName, avatarMediaId: u.avatarMediaId }))
        .catch(() => remember({ id, username: null, displayName: null, avatarMediaId: null }))
        .finally(() => inFlight.delete(id));
      inFlight.set(id, pending);
    }
    return pending;
  }

  function nameOf(id: string): string {
    const u = byId.get(id);
    return u?.displayName || u?.username || 'Someone';
  }

  return { byId, remember, ensure, nameOf };
});
