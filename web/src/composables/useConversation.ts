import { inject, provide, ref, type InjectionKey } from 'vue';
import type { ChatMessage } from '../stores/messages.merge';

/**
 * What a message row can ask of the conversation around it: quote it in the composer, open its
 * thread, jump to another message. The chat view provides it; the thread panel provides its own,
 * without threads (they are one level deep). A row outside any conversation offers none of these.
 */
export interface Conversation {
  reply?: (m: ChatMessage) => void;
  openThread?: (rootId: string, focusId?: string) => void;
  jumpTo: (messageId: string) => void;
  canPin: boolean;
}

const key: InjectionKey<Conversation> = Symbol('conversation');

export const provideConversation = (c: Conversation) => provide(key, c);
export const useConversation = (): Conversation | null => inject(key, null);

/** What a conversation action says to screen readers ("Link copied"): one status region, in the chat view. */
export const spoken = ref('');
export function say(text: string) {
  // The same words again must still be a change for the live region.
  spoken.value = spoken.value === text ? `${text}\u00a0` : text;
}

const HIGHLIGHT_MS = 3000;
/** The message just jumped to, marked for a moment in whichever list shows it. */
export const highlighted = ref<string | null>(null);
let clear: ReturnType<typeof setTimeout> | undefined;

export function highlight(messageId: string) {
  highlighted.value = messageId;
  clearTimeout(clear);
  clear = setTimeout(() => (highlighted.value = null), HIGHLIGHT_MS);
}

/** The permalink of a message: opens its conversation there (a reply in a thread: the thread panel). */
export const permalinkOf = (groupId: string, messageId: string) => `/groups/${encodeURIComponent(groupId)}/messages/${encodeURIComponent(messageId)}`;

/**
 * Focuses a message row once it is rendered, and again while a windowed list settles (rows
 * measured after a jump re-render, which drops the focus to the body): done once it has held
 * for a few frames, or the reader has focused something else.
 */
export async function focusMessage(root: ParentNode | null | undefined, messageId: string, frames = 90): Promise<boolean> {
  let held = 0;
  for (let i = 0; i < frames && held < STABLE_FRAMES; i++) {
    const el = root?.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(messageId)}"]`);
    const active = document.activeElement;
    if (el && active === el) held += 1;
    // Focus somewhere else than where a re-render drops it: the reader has moved on.
    else if (held > 0 && active && active !== document.body) return true;
    else if (el) {
      held = 0;
      el.focus();
    }
    await new Promise((r) => requestAnimationFrame(r));
  }
  return held > 0;
}

const STABLE_FRAMES = 8;
