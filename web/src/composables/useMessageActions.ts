import { errorMessage } from '../api';
import { messagesApi } from '../api/messages';
import type { Attachment, Quote } from '../api/types';
import { firstLink } from '@groupchat/schemas/text-facts';
import { mentionIds } from '../lib/mentions';
import { useGroupsStore } from '../stores/groups.store';
import type { ChatMessage } from '../stores/messages.merge';
import { useMessagesStore } from '../stores/messages.store';

export function newClientMessageId(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/**
 * Message commands with their optimistic updates: a send shows at once as pending and is
 * confirmed by the answer or the live event; a failure stays visible with a retry that reuses
 * the clientMessageId, so the server never stores it twice. Edits, deletions and reactions are
 * applied locally and rolled back when refused.
 */
export function useMessageActions(groupId: () => string) {
  const store = useMessagesStore();
  const groups = useGroupsStore();

  /** Mentions are read from the final text, so a retry or a hand-typed @name sends them too. */
  async function mentionsIn(gid: string, text: string | null): Promise<string[]> {
    if (!text?.includes('@')) return [];
    const members = groups.members.get(gid) ?? (await groups.loadMembers(gid).catch(() => []));
    return mentionIds(text, members);
  }

  // withPreview false: the sender removed the preview in the composer (`linkPreview: false`).
  async function deliver(gid: string, clientMessageId: string, text: string | null, attachments: Attachment[], withPreview = true, replyTo?: string) {
    try {
      const mentions = await mentionsIn(gid, text);
      const res = await messagesApi.send(gid, {
        clientMessageId,
        ...(text ? { text } : {}),
        ...(mentions.length ? { mentions } : {}),
        ...(withPreview ? {} : { linkPreview: false as const }),
        ...(replyTo ? { replyTo } : {}),
        ...(attachments.length ? { attachments: attachments.map((a) => a.mediaId) } : {}),
      });
      store.markSent(gid, clientMessageId, res.messageId, res.position ?? null);
    } catch (err) {
      store.markFailed(gid, clientMessageId, errorMessage(err));
    }
  }

  function send(text: string, attachments: Attachment[] = [], options: { linkPreview?: false; replyTo?: Quote } = {}) {
    const gid = groupId();
    const body = text.trim() ? text : null;
    if (!body && !attachments.length) return;
    const clientMessageId = newClientMessageId();
    const withPreview = options.linkPreview !== false;
    store.addPending(gid, { clientMessageId, text: body, attachments, linkPreview: withPreview && body ? firstLink(body) : null, replyTo: options.replyTo });
    return deliver(gid, clientMessageId, body, attachments, withPreview, options.replyTo?.id);
  }

  function retry(m: ChatMessage) {
    if (!m.clientMessageId || m.status !== 'failed') return;
    store.markPending(m.groupId, m.clientMessageId);
    return deliver(m.groupId, m.clientMessageId, m.text, m.attachments, !(m.text && firstLink(m.text) && !m.linkPreview), m.replyTo?.id);
  }

  function discard(m: ChatMessage) {
    if (m.clientMessageId) store.discard(m.groupId, m.clientMessageId);
  }

  async function optimistic(m: ChatMessage, change: (m: ChatMessage) => ChatMessage, call: () => Promise<unknown>) {
    const before = m;
    store.update(m.groupId, m.id, change);
    try {
      await call();
    } catch (err) {
      store.update(m.groupId, m.id, () => before);
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
