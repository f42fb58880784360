import { nextTick } from 'vue';
import { errorMessage } from '../api';
import { conversationsApi } from '../api/conversations';
import { messagesApi } from '../api/messages';
import type { Message } from '../api/types';
import { useAuthStore } from '../stores/auth.store';
import { useMessagesStore } from '../stores/messages.store';
import { useUsersStore } from '../stores/users.store';

/** Newer pages read to join a message loaded by `around` to the newest ones (100 each). */
const MAX_GAP_PAGES = 20;
const GAP_PAGE = 100;

export interface JumpTarget {
  /** Scroll to a message already in the group's list, mark and focus it; false when it is not loaded. */
  reveal: (messageId: string) => Promise<boolean>;
  /** The message is a reply in a thread: show it there. */
  openThread: (rootId: string, focusId: string) => void;
  onError: (message: string) => void;
}

/**
 * Going to one message of a group (a quote, a pin, a permalink, a search hit). One not loaded is
 * read with `around`, then the pages from it up to the newest, so the list stays one unbroken
 * run that live events extend; past MAX_GAP_PAGES the list restarts at the message.
 */
export function useMessageJump(groupId: () => string, target: JumpTarget) {
  const store = useMessagesStore();
  const auth = useAuthStore();
  const users = useUsersStore();

  async function load(gid: string, messageId: string) {
    const page = await conversationsApi.around(gid, messageId, auth.userId);
    const all: Message[] = [...page.items];
    let more = page.hasMoreAfter;
    for (let i = 0; more && i < MAX_GAP_PAGES; i++) {
      const after = all.reduce<string | null>((acc, m) => m.position ?? acc, null);
      if (!after) break;
      const next = await messagesApi.history(gid, auth.userId, { after, limit: GAP_PAGE });
      all.push(...next.items);
      more = next.hasMore;
    }
    new Set(all.map((m) => m.senderId)).forEach((id) => void users.ensure(id));
    store.receiveLatest(gid, all, page.hasMore, more);
    return page.anchor;
  }

  async function jumpTo(messageId: string, { fresh = false } = {}) {
    const gid = groupId();
    try {
      if (!fresh && (await target.reveal(messageId))) return;
      const anchor = await load(gid, messageId);
      await nextTick();
      if (anchor.threadId && anchor.threadId !== messageId) {
        await target.reveal(anchor.threadId);
        target.openThread(anchor.threadId, messageId);
      } else if (!(await target.reveal(anchor.messageId))) {
        target.onError('That message is no longer in this conversation.');
      }
    } catch (err) {
      target.onError(errorMessage(err));
    }
  }

  return { jumpTo };
}
