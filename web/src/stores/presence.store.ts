import { defineStore } from 'pinia';
import { reactive } from 'vue';

const TYPING_TTL_MS = 5000;

/** Who is online in each group and who is typing there (entries expire after a few seconds). */
export const usePresenceStore = defineStore('presence', () => {
  const online = reactive<Record<string, string[]>>({});
  const typing = reactive<Record<string, Record<string, number>>>({});
  const timers = new Map<string, ReturnType<typeof setTimeout>>();

  function setOnline(groupId: string, userIds: string[]) {
    online[groupId] = [...new Set(userIds)];
  }

  function setTyping(groupId: string, userId: string, now = Date.now()) {
    typing[groupId] ??= {};
    typing[groupId]![userId] = now + TYPING_TTL_MS;
    const key = `${groupId}/${userId}`;
    clearTimeout(timers.get(key));
    timers.set(
      key,
      setTimeout(() => {
        timers.delete(key);
        if (typing[groupId]) delete typing[groupId]![userId];
      }, TYPING_TTL_MS),
    );
  }

  /** A message from someone ends their typing indicator at once. */
  function stoppedTyping(groupId: string, userId: string) {
    if (typing[groupId]) delete typing[groupId]![userId];
  }

  const typingIn = (groupId: string, except: string | null): string[] => Object.keys(typing[groupId] ?? {}).filter((u) => u !== except);

  function reset() {
    for (const t of timers.values()) clearTimeout(t);
    timers.clear();
    for (const k of Object.keys(online)) delete online[k];
    for (const k of Object.keys(typing)) delete typing[k];
  }

  return { online, typing, setOnline, setTyping, stoppedTyping, typingIn, reset };
});
