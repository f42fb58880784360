import { defineStore } from 'pinia';
import { computed, reactive, ref, watch } from 'vue';
import { notificationsApi, type NotificationLevel, type NotificationSettings, type PushText } from '../api/notifications';
import { activeMute } from '../lib/notifications';
import { useAuthStore } from './auth.store';

type Default = NotificationSettings['default'];
type Own = { level: NotificationLevel | null; muteUntil: string | null };

const DEFAULT: Default = { level: 'mentions', muteUntil: null, pushText: 'public' };
/** setTimeout's longest wait. */
const MAX_WAIT_MS = 2 ** 31 - 1;

/**
 * My notification settings (docs/notifications.md): the default and each conversation's own
 * setting, loaded once per signed-in user, with the effective level and mute per conversation.
 */
export const useNotificationsStore = defineStore('notifications', () => {
  const auth = useAuthStore();
  const defaults = ref<Default>({ ...DEFAULT });
  const own = reactive(new Map<string, Own>());
  const loaded = ref(false);
  /** Moves when the next mute ends, so muted states lapse on time. */
  const now = ref(Date.now());
  let loading: Promise<void> | null = null;
  let loadedFor: string | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  function apply(s: NotificationSettings) {
    defaults.value = s.default;
    own.clear();
    for (const i of s.items) own.set(i.groupId, { level: i.level, muteUntil: i.muteUntil });
    loaded.value = true;
  }

  /** Loads once for the signed-in user; again only after another one signs in. */
  function ensure(): Promise<void> {
    const userId = auth.userId;
    if (!userId) return Promise.resolve();
    if (loadedFor === userId && loading) return loading;
    loadedFor = userId;
    loading = notificationsApi.getSettings().then(
      (s) => {
        if (loadedFor === userId) apply(s);
      },
      (err: unknown) => {
        loading = null;
        loadedFor = null;
        throw err;
      },
    );
    return loading;
  }

  function reset() {
    loading = null;
    loadedFor = null;
    loaded.value = false;
    defaults.value = { ...DEFAULT };
    own.clear();
  }
  watch(
    () => auth.userId,
    (id, was) => {
      if (id !== was) reset();
    },
  );

  const levelOf = (groupId: string) => {
    const level = own.get(groupId)?.level;
    return { level: level ?? defaults.value.level, followsDefault: !level };
  };
  /** The conversation's mute still in force, else the default's. */
  const muteOf = (groupId: string) => activeMute(own.get(groupId)?.muteUntil, now.value) ?? activeMute(defaults.value.muteUntil, now.value);
  const hasOwn = (groupId: string) => own.has(groupId);

  async function put(groupId: string, level: NotificationLevel, muteUntil: string | null) {
    const r = await notificationsApi.putSetting(groupId, { level, muteUntil });
    own.set(groupId, { level: r.level, muteUntil: r.muteUntil });
  }
  const setLevel = (groupId: string, level: NotificationLevel) => put(groupId, level, activeMute(own.get(groupId)?.muteUntil, Date.now()));
  const mute = (groupId: string, until: string) => put(groupId, levelOf(groupId).level, until);
  const unmute = (groupId: string) => put(groupId, levelOf(groupId).level, null);
  async function useDefault(groupId: string) {
    await notificationsApi.resetSetting(groupId);
    own.delete(groupId);
  }

  async function setDefault(change: { level?: NotificationLevel; pushText?: PushText }) {
    const next = { ...defaults.value, ...change };
    const r = await notificationsApi.putSetting('default', { level: next.level, muteUntil: next.muteUntil, pushText: next.pushText });
    defaults.value = { level: r.level, muteUntil: r.muteUntil, pushText: r.pushText ?? next.pushText };
  }

  const nextMuteEnd = computed(() => {
    const ends = [defaults.value.muteUntil, ...[...own.values()].map((o) => o.muteUntil)].map((m) => (m ? Date.parse(m) : NaN)).filter((t) => t > now.value);
    return ends.length ? Math.min(...ends) : null;
  });
  watch(
    nextMuteEnd,
    (end) => {
      clearTimeout(timer);
      if (end !== null) timer = setTimeout(() => (now.value = Date.now()), Math.min(end - Date.now() + 50, MAX_WAIT_MS));
    },
    { immediate: true },
  );

  return { defaults, loaded, ensure, reset, levelOf, muteOf, hasOwn, setLevel, mute, unmute, useDefault, setDefault };
});
