import { computed, ref, watch, type Ref } from 'vue';
import { quoteOf } from '../stores/conversation.merge';
import type { ChatMessage } from '../stores/messages.merge';
import { usePinsStore } from '../stores/pins.store';
import { useAuthStore } from '../stores/auth.store';
import { provideConversation } from './useConversation';
import { useMessageJump, type JumpTarget } from './useMessageJump';

/**
 * The chat view's part of replies, threads and pins: the message being answered, the open
 * thread, the Pinned panel, and jumps, offered to the message rows it shows.
 */
export function useChatConversation(
  groupId: Ref<string>,
  opts: { canPin: Ref<boolean>; member: Ref<boolean>; focusComposer: () => void } & Omit<JumpTarget, 'openThread'>,
) {
  const pins = usePinsStore();
  const auth = useAuthStore();
  const replyingTo = ref<ChatMessage | null>(null);
  const thread = ref<{ rootId: string; focusId: string | null } | null>(null);
  const pinnedOpen = ref(false);

  const openThread = (rootId: string, focusId?: string) => {
    thread.value = { rootId, focusId: focusId ?? null };
  };
  const jump = useMessageJump(() => groupId.value, { reveal: opts.reveal, onError: opts.onError, openThread: (root, focus) => openThread(root, focus) });

  function reply(m: ChatMessage) {
    replyingTo.value = m;
    opts.focusComposer();
  }
  const replyQuote = computed(() => (replyingTo.value ? quoteOf(replyingTo.value, replyingTo.value.id) : undefined));

  provideConversation({
    reply,
    openThread,
    jumpTo: (id) => void jump.jumpTo(id),
    get canPin() {
      return opts.canPin.value;
    },
  });

  watch(
    [groupId, opts.member],
    ([id, on]) => {
      replyingTo.value = null;
      thread.value = null;
      pinnedOpen.value = false;
      if (on) void pins.load(id, auth.userId);
    },
    { immediate: true },
  );

  return { replyingTo, replyQuote, thread, pinnedOpen, openThread, jumpTo: jump.jumpTo };
}
