const PREFIX = 'groupchat.draft.';

/** Where one user's unsent text for one group is kept, so it never follows them to another group. */
export const draftKey = (userId: string, groupId: string) => `${PREFIX}${userId}.${groupId}`;

export function readDraft(key: string): string {
  try {
    return localStorage.getItem(key) ?? '';
  } catch {
    return '';
  }
}

export function writeDraft(key: string, text: string): void {
  try {
    if (text) localStorage.setItem(key, text);
    else localStorage.removeItem(key);
  } catch {
    /* storage full or disabled: the draft lives as long as the composer */
  }
}

/** On sign-out: nothing one person typed stays behind for the next one on this browser. */
export function clearDrafts(userId: string): void {
  try {
    const mine = `${PREFIX}${userId}.`;
    const keys = Array.from({ length: localStorage.length }, (_, i) => localStorage.key(i)).filter((k): k is string => !!k?.startsWith(mine));
    for (const k of keys) localStorage.removeItem(k);
  } catch {
    /* storage disabled: there is nothing to clear */
  }
}
