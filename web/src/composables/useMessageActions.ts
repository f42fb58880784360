import { errorMessage } from '../api';
import { messagesApi } from '../api/messages';
import type { Attachment, Quote } from '../api/types';
import { firstLink } from '@groupchat/schemas/text-facts';
import { mentionIds } from '../lib/mentions';
import { useGroupsStore } from '../stores/groups.store';
import type { ChatMessage } from '../stores/messages.merge';
import { useMessagesStore } from '../stores/messages.store';
import { useRepliesStore } from '../stores/replies.store';

export function newClientMessageId(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/**
 * Message commands with their optimistic updates: a send shows at once as pending and is
 * confirmed by the answer or the live event; a failure stays visible with a retry that reuses
 * the clientMessageId, so the server never stores it twice. Edits, deletions and reactions are
 * applied locally and rolled back when refused.
 */
interface Placement {
  replyTo?: string;
  threadId?: string;
}

export function useMessageActions(groupId: () => string) {
  const store = useMessagesStore();
  const replies = useRepliesStore();
  const groups = useGroupsStore();

  /** Mentions are read from the final text, so a retry or a hand-typed @name sends them too. */
  async function mentionsIn(gid: string, text: string | null): Promise<string[]> {
    if (!text?.includes('@')) return [];
    const members = groups.members.get(gid) ?? (await groups.loadMembers(gid).catch(() => []));
    return mentionIds(text, members);
  }

  /** A send's outcome, on the group's list or, for a reply in a thread, on the thread's. */
  function mark(gid: string, threadId: string | null | undefined, clientMessageId: string, patch: Partial<ChatMessage> & { status: ChatMessage['status'] }) {
    if (threadId) return replies.settle(threadId, clientMessageId, patch);
    if (patch.status === 'sent') store.markSent(gid, clientMessageId, patch.id ?? '', patch.position ?? null);
    else if (patch.status === 'failed') store.markFailed(gid, clientMessageId, patch.error ?? '');
    else store.markPending(gid, clientMessageId);
  }

  // withPreview false: the sender removed the preview in the composer (`linkPreview: false`).
  async function deliver(gid: string, clientMessageId: string, text: string | null, attachments: Attachment[], withPreview: boolean, to: Placement) {
    try {
      const mentions = await mentionsIn(gid, text);
      const res = await messagesApi.send(gid, {
        clientMessageId,
        ...(text ? { text } : {}),
        ...(mentions.length ? { mentions } : {}),
        ...(withPreview ? {} : { linkPreview: false as const }),
        ...(to.replyTo ? { replyTo: to.replyTo } : {}),
        ...(to.threadId ? { threadId: to.threadId } : {}),
        ...(attachments.length ? { attachments: attachments.map((a) => a.mediaId) } : {}),
      });
      mark(gid, to.threadId, clientMessageId, { status: 'sent', id: res.messageId, position: res.position ?? null, error: undefined });
    } catch (err) {
      mark(gid, to.threadId, clientMessageId, { status: 'failed', error: errorMessage(err) });
    }
  }

  /** replyTo: the message answered, quoted; threadId: a reply in that root's thread, listed there and not in the group's list. */
  function send(text: string, attachments: Attachment[] = [], options: { linkPreview?: false; replyTo?: Quote; threadId?: string } = {}) {
    const gid = groupId();
    const body = text.trim() ? text : null;
    if (!body && !attachments.length) return;
    const clientMessageId = newClientMessageId();
    const withPreview = options.linkPreview !== false;
    const pending = { clientMessageId, text: body, attachments, linkPreview: withPreview && body ? firstLink(body) : null, replyTo: options.replyTo };
    if (options.threadId) replies.addPending(gid, options.threadId, store.me ?? '', pending);
    else store.addPending(gid, pending);
    return deliver(gid, clientMessageId, body, attachments, withPreview, { replyTo: options.replyTo?.id, threadId: options.threadId });
  }

  function retry(m: ChatMessage) {
    if (!m.clientMessageId || m.status !== 'failed') return;
    mark(m.groupId, m.threadId, m.clientMessageId, { status: 'pending', error: undefined });
    const withPreview = !(m.text && firstLink(m.text) && !m.linkPreview);
    return deliver(m.groupId, m.clientMessageId, m.text, m.attachments, withPreview, { replyTo: m.replyTo?.id, threadId: m.threadId ?? undefined });
  }

  function discard(m: ChatMessage) {
    if (!m.clientMessageId) return;
    if (m.threadId) replies.discard(m.threadId, m.clientMessageId);
    else store.discard(m.groupId, m.clientMessageId);
  }

  async function optimistic(m: ChatMessage, change: (m: ChatMessage) => ChatMessage, call: () => Promise<unknown>) {
    const before = m;
    // A message may show in the group's list, in a thread panel, or both (a root).
    const apply = (fn: (x: ChatMessage) => ChatMessage) => {
      store.update(m.groupId, m.id, fn);
      replies.update(m.groupId, m.id, fn);
    };
    apply(change);
    try {
      await call();
    } catch (err) {
      apply(() => before);
      throw err;
    }
  }

  const edit = (m: ChatMessage, text: string) =>
    optimistic(
      m,
      (x) => ({ ...x, text, editedAt: new Date().toISOString() }),
      async () => messagesApi.edit(m.groupId, m.id, text, await mentionsIn(m.groupId, text)),
    );

  const remove = (m: ChatMessage) =>
    optimistic(
      m,
      (x) => ({ ...x, deleted: true, text: null, attachments: [], reactions: [] }),
      () => messagesApi.remove(m.groupId, m.id),
    );

  /** The author takes the preview card off their message (LinkPreviewRemoved clears it for the others). */
  const removeLinkPreview = (m: ChatMessage) =>
    optimistic(
      m,
      (x) => ({ ...x, linkPreview: null }),
      () => messagesApi.removeLinkPreview(m.groupId, m.id),
    );

  function toggleReaction(m: ChatMessage, emoji: string) {
    const mine = m.reactions.find((r) => r.emoji === emoji)?.mine ?? false;
    return optimistic(
      m,
      (x) => {
        const exists = x.reactions.some((r) => r.emoji === emoji);
        const reactions = exists
          ? x.reactions.map((r) => (r.emoji === emoji ? { ...r, mine: !mine, count: r.count + (mine ? -1 : 1) } : r)).filter((r) => r.count > 0)
          : [...x.reactions, { emoji, count: 1, mine: true }];
        return { ...x, reactions };
      },
      () => (mine ? messagesApi.unreact(m.groupId, m.id, emoji) : messagesApi.react(m.groupId, m.id, emoji)),
    );
  }

  return { send, retry, discard, edit, remove, removeLinkPreview, toggleReaction };
}
