import type { Ref } from 'vue';
import type { Member } from '../api/types';
import { searchEmoji, noteEmojiUsed } from '../lib/emoji';
import { can } from '../lib/roles';
import { useAuthStore } from '../stores/auth.store';
import { useGroupsStore } from '../stores/groups.store';
import { useCompletion, type CompletionItem, type CompletionSource } from './useCompletion';

const LIMIT = 8;
const REFRESH_MS = 5_000;

const BROADCASTS: CompletionItem[] = [
  { id: 'here', label: '@here', detail: 'everyone online in this group', insert: '@here' },
  { id: 'everyone', label: '@everyone', detail: 'every member of this group', insert: '@everyone' },
];

/** Members whose username or display name starts with the query, then those containing it. */
export function matchMembers(members: Member[], query: string, me: string | null): CompletionItem[] {
  const q = query.toLowerCase();
  const scored = members
    .filter((m) => m.username && m.userId !== me)
    .map((m) => {
      const names = [m.username!, m.displayName ?? ''].map((n) => n.toLowerCase());
      const score = names.some((n) => n.startsWith(q)) ? 0 : names.some((n) => n.includes(q)) ? 1 : 2;
      return { m, score };
    })
    .filter((x) => x.score < 2)
    .sort((a, b) => a.score - b.score || a.m.username!.localeCompare(b.m.username!));
  return scored
    .slice(0, LIMIT)
    .map(({ m }) => ({ id: `user-${m.userId}`, label: m.displayName || m.username!, detail: `@${m.username}`, insert: `@${m.username}` }));
}

/** `@member` and `:emoji:` completion in a group's composer. */
export function useComposerCompletion(groupId: () => string, text: Ref<string>, field: Ref<HTMLTextAreaElement | null>) {
  // The stores are asked for when a list first opens: a composer mounted alone needs none.
  const groups = () => useGroupsStore();
  const loads = new Map<string, { at: number; done: Promise<unknown> }>();

  /**
   * The group's members, loaded once, and again when a name is not found and the list is older
   * than REFRESH_MS; every keystroke while a load is under way waits for that same load.
   */
  async function members(stale = false): Promise<Member[]> {
    const id = groupId();
    if (!id) return [];
    const load = loads.get(id);
    if (!load || (stale && Date.now() - load.at > REFRESH_MS)) {
      const done = groups()
        .loadMembers(id)
        .catch(() => loads.delete(id));
      loads.set(id, { at: Date.now(), done });
      await done;
    } else await load.done;
    return groups().members.get(id) ?? [];
  }

  const mention: CompletionSource = {
    trigger: '@',
    query: /^[\p{L}\p{N}_.]{0,32}$/u,
    minLength: 0,
    async search(query) {
      const me = useAuthStore().userId ?? null;
      let found = matchMembers(await members(), query, me);
      if (!found.length) found = matchMembers(await members(true), query, me);
      const minRole = groups().details.get(groupId())?.broadcastMinRole ?? 'moderator';
      if (!can.broadcast(groups().roleIn(groupId()), minRole)) return found;
      return [...found, ...BROADCASTS.filter((b) => b.id.startsWith(query.toLowerCase()))].slice(0, LIMIT);
    },
  };

  const emoji: CompletionSource = {
    trigger: ':',
    query: /^[a-z0-9_+-]+$/i,
    minLength: 2,
    async search(query) {
      const found = await searchEmoji(query, LIMIT).catch(() => []);
      return found.map((e) => ({ id: `emoji-${e.unicode}`, label: `${e.unicode} :${e.shortcode}:`, detail: e.annotation, insert: e.unicode }));
    },
    accepted: (item) => noteEmojiUsed(item.insert),
  };

  return useCompletion(text, field, [mention, emoji]);
}
