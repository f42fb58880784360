import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { api, tokens } from '../api';
import { authApi, type RegisterInput } from '../api/auth';
import type { User } from '../api/types';
import { clearDrafts } from '../lib/drafts';

const USER_KEY = 'groupchat.user';

/** The signed-in user and the session's access token (kept by the API client's token store; the refresh token is an HttpOnly cookie). */
export const useAuthStore = defineStore('auth', () => {
  const user = ref<User | null>(readCachedUser());
  const accessToken = ref<string | null>(tokens.access());

  const signedIn = computed(() => accessToken.value !== null);
  const userId = computed(() => user.value?.id || subjectOf(accessToken.value));

  tokens.subscribe((pair) => {
    accessToken.value = pair?.accessToken ?? null;
    if (!pair) setUser(null);
  });

  function setUser(next: User | null) {
    user.value = next;
    try {
      if (next) localStorage.setItem(USER_KEY, JSON.stringify(next));
      else localStorage.removeItem(USER_KEY);
    } catch {
      /* storage full or disabled: the session still works for this tab */
    }
  }

  async function login(login: string, password: string) {
    const res = await authApi.login(login.trim(), password);
    tokens.set(res);
    // The login answer carries only part of the profile; /me has all of it.
    setUser(await authApi.me().catch(() => res.user));
  }

  async function register(input: RegisterInput) {
    await authApi.register(input);
    await login(input.username, input.password);
  }

  async function refreshProfile() {
    if (!signedIn.value) return;
    setUser(await authApi.me());
  }

  async function updateProfile(patch: Partial<Pick<User, 'displayName' | 'bio' | 'interests' | 'avatarMediaId'>>) {
    await authApi.updateMe(patch);
    if (user.value) setUser({ ...user.value, ...patch });
  }

  async function logout() {
    const hadSession = tokens.access() !== null;
    if (userId.value) clearDrafts(userId.value);
    tokens.clear();
    api.minPositions.clear();
    if (hadSession) await authApi.logout().catch(() => undefined);
  }

  return { user, accessToken, signedIn, userId, login, register, refreshProfile, updateProfile, logout };
});

function readCachedUser(): User | null {
  try {
    const raw = globalThis.localStorage?.getItem(USER_KEY);
    return raw && globalThis.localStorage?.getItem('groupchat.session') ? (JSON.parse(raw) as User) : null;
  } catch {
    return null;
  }
}

/** The user id is the access token's subject; reading it needs no verification. */
export function subjectOf(token: string | null): string | null {
  if (!token) return null;
  try {
    const payload = token.split('.')[1];
    if (!payload) return null;
    const json = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { sub?: unknown };
    return typeof json.sub === 'string' ? json.sub : null;
  } catch {
    return null;
  }
}
