import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { conversationsApi } from '../api/conversations';
import { messagesApi } from '../api/messages';
import { useMessageActions } from '../composables/useMessageActions';
import { msg, sentEvent, timeOf } from '../test/messages';
import { useMessagesStore } from './messages.store';
import { usePinsStore } from './pins.store';
import { useRepliesStore } from './replies.store';

const at = timeOf;
const sent = sentEvent;

describe('replies, threads and pins in the stores', () => {
  let messages: ReturnType<typeof useMessagesStore>;
  let replies: ReturnType<typeof useRepliesStore>;
  let pins: ReturnType<typeof usePinsStore>;
  const main = () => messages.thread('g1').items;

  beforeEach(() => {
    setActivePinia(createPinia());
    messages = useMessagesStore();
    replies = useRepliesStore();
    pins = usePinsStore();
    messages.me = 'me';
    messages.receiveLatest('g1', [msg(1), msg(2)], false);
  });

  it('keeps a thread reply out of the main list and counts it on the root', () => {
    messages.applyEvent('g1', 'm.1.3', sent(3, { threadId: 'm1' }));
    expect(main().map((m) => m.id)).toEqual(['m1', 'm2']);
    expect(main()[0]!.thread).toEqual({ replyCount: 1, lastReplyAt: new Date(at(3)).toISOString() });
    messages.applyEvent('g1', 'm.1.4', sent(4, { threadId: 'm1' }));
    expect(main()[0]!.thread?.replyCount).toBe(2);
    expect(main()[0]!.thread?.lastReplyAt).toBe(new Date(at(4)).toISOString());
  });

  it('appends a live reply to an open thread, once, and not to another', () => {
    replies.receive('g1', 'm1', { root: msg(1), items: [], hasMore: false, following: false });
    replies.receive('g1', 'm2', { root: msg(2), items: [], hasMore: false, following: false });
    messages.applyEvent('g1', 'm.1.3', sent(3, { threadId: 'm1' }));
    messages.applyEvent('g1', 'm.1.3', sent(3, { threadId: 'm1' }));
    expect(replies.thread('g1', 'm1').items.map((m) => m.id)).toEqual(['m3']);
    expect(replies.thread('g1', 'm2').items).toEqual([]);
  });

  it('keeps a live reply of a thread not read yet, for a read answered before the reply was projected', () => {
    messages.applyEvent('g1', 'm.1.3', sent(3, { threadId: 'm1' }));
    replies.receive('g1', 'm1', { root: msg(1), items: [], hasMore: false, following: false });
    expect(replies.thread('g1', 'm1').items.map((m) => m.id)).toEqual(['m3']);
  });

  it('confirms our own pending reply by its clientMessageId instead of doubling it', () => {
    replies.receive('g1', 'm1', { root: msg(1), items: [], hasMore: false, following: true });
    replies.addPending('g1', 'm1', 'me', { clientMessageId: 'c3', text: 'text 3', attachments: [] });
    messages.applyEvent('g1', 'm.1.3', sent(3, { threadId: 'm1', senderId: 'me' }));
    const items = replies.thread('g1', 'm1').items;
    expect(items.map((m) => [m.id, m.status, m.key])).toEqual([['m3', 'sent', 'c3']]);
  });

  it('uncounts a deleted reply that is loaded in its thread', () => {
    replies.receive('g1', 'm1', { root: msg(1), items: [], hasMore: false, following: false });
    messages.applyEvent('g1', 'm.1.3', sent(3, { threadId: 'm1' }));
    messages.applyEvent('g1', 'm.1.4', { type: 'MessageDeleted', messageId: 'm3', groupId: 'g1', occurredAt: at(4) });
    expect(main()[0]!.thread).toBeNull();
    expect(replies.thread('g1', 'm1').items[0]!.deleted).toBe(true);
  });

  it('brings a removed message back on a live restore, with its text and attachments, and counts a restored reply again', () => {
    messages.applyEvent('g1', 'm.1.3', sent(3, { threadId: 'm1' }));
    messages.applyEvent('g1', 'm.1.4', { type: 'MessageDeleted', messageId: 'm2', groupId: 'g1', occurredAt: at(4) });
    messages.applyEvent('g1', 'm.1.5', { type: 'MessageDeleted', messageId: 'm3', groupId: 'g1', occurredAt: at(5) });
    const attachments = [{ mediaId: 'x', kind: 'image', contentType: 'image/png', size: 1 }];
    messages.applyEvent('g1', 'm.1.6', { type: 'MessageRestored', messageId: 'm2', groupId: 'g1', text: 'back', attachments, mentions: [], occurredAt: at(6) });
    messages.applyEvent('g1', 'm.1.7', {
      type: 'MessageRestored',
      messageId: 'm3',
      groupId: 'g1',
      text: 'r',
      threadId: 'm1',
      attachments: [],
      occurredAt: at(7),
    });
    expect(main()[1]).toMatchObject({ id: 'm2', deleted: false, text: 'back', attachments });
    expect(main()[0]!.thread).toMatchObject({ replyCount: 1 });
  });

  it('quotes a loaded parent on a live reply, and turns the quote to deleted when the parent goes', () => {
    messages.applyEvent('g1', 'm.1.3', sent(3, { replyTo: 'm2' }));
    expect(main()[2]!.replyTo).toMatchObject({ id: 'm2', senderId: 'u2', text: 'text 2', deleted: false });
    messages.applyEvent('g1', 'm.1.4', { type: 'MessageDeleted', messageId: 'm2', groupId: 'g1', occurredAt: at(4) });
    expect(main()[2]!.replyTo).toMatchObject({ id: 'm2', text: null, deleted: true });
    expect(main()[1]!.text).toBeNull();
  });

  it('never shows the text of a parent already deleted when the reply arrives', () => {
    messages.applyEvent('g1', 'm.1.3', { type: 'MessageDeleted', messageId: 'm2', groupId: 'g1', occurredAt: at(3) });
    messages.applyEvent('g1', 'm.1.4', sent(4, { replyTo: 'm2' }));
    expect(main()[2]!.replyTo).toMatchObject({ text: null, deleted: true });
  });

  it('marks pins from live events and forgets them on unpin', () => {
    messages.applyEvent('g1', 'm.1.3', { type: 'MessagePinned', messageId: 'm1', groupId: 'g1', occurredAt: at(3) });
    expect(pins.isPinned('g1', 'm1')).toBe(true);
    expect(pins.isPinned('g1', 'm2')).toBe(false);
    messages.applyEvent('g1', 'm.1.4', { type: 'MessageUnpinned', messageId: 'm1', groupId: 'g1', occurredAt: at(4) });
    expect(pins.isPinned('g1', 'm1')).toBe(false);
  });

  it('adds a live pin of a loaded message to a pinned list already read, without reading it again', () => {
    pins.of('g1').items = [];
    messages.applyEvent('g1', 'm.1.3', { type: 'MessagePinned', messageId: 'm2', groupId: 'g1', actorId: 'u3', occurredAt: at(3) });
    expect(pins.of('g1').items!.map((m) => [m.id, m.text, m.pinnedBy])).toEqual([['m2', 'text 2', 'u3']]);
    expect(pins.of('g1').loading).toBe(false);
    messages.applyEvent('g1', 'm.1.4', { type: 'MessageUnpinned', messageId: 'm2', groupId: 'g1', occurredAt: at(4) });
    expect(pins.of('g1').items).toEqual([]);
  });

  it('keeps live pins and unpins over a read of the pins that is behind them', async () => {
    messages.applyEvent('g1', 'm.1.3', { type: 'MessagePinned', messageId: 'm2', groupId: 'g1', occurredAt: at(3) });
    messages.applyEvent('g1', 'm.1.4', { type: 'MessageUnpinned', messageId: 'm1', groupId: 'g1', occurredAt: at(4) });
    const stale = [{ ...msg(1), pinnedBy: 'u2', pinnedAt: new Date(at(2)).toISOString() }];
    const pinsApi = vi.spyOn(conversationsApi, 'pins').mockResolvedValueOnce(stale);
    await pins.load('g1', 'me');
    expect(pins.of('g1').items!.map((m) => m.id)).toEqual(['m2']);
    expect([pins.isPinned('g1', 'm1'), pins.isPinned('g1', 'm2')]).toEqual([false, true]);
    // Once the read has caught up, it is the list.
    pinsApi.mockResolvedValueOnce([{ ...msg(2), pinnedBy: null, pinnedAt: new Date(at(3)).toISOString() }]);
    await pins.load('g1', 'me');
    expect(pins.of('g1').live.size).toBe(0);
    expect(pins.of('g1').items!.map((m) => m.id)).toEqual(['m2']);
  });

  it('reacts at once to a reply shown only in its thread, and takes it back when refused', async () => {
    replies.receive('g1', 'm1', { root: msg(1), items: [msg(3, { threadId: 'm1' })], hasMore: false, following: false });
    const actions = useMessageActions(() => 'g1');
    const react = vi.spyOn(messagesApi, 'react').mockResolvedValueOnce({ position: 'm.1.4' });
    const reply = () => replies.thread('g1', 'm1').items[0]!;
    await actions.toggleReaction(reply(), '🎉');
    expect(reply().reactions).toEqual([{ emoji: '🎉', count: 1, mine: true }]);
    react.mockRejectedValueOnce(new Error('refused'));
    await expect(actions.toggleReaction(replies.thread('g1', 'm1').root!, '🎉')).rejects.toThrow('refused');
    expect(replies.thread('g1', 'm1').root!.reactions).toEqual([]);
    expect(main()[0]!.reactions).toEqual([]);
  });

  it('follows my own follow and unfollow events, not other people’s', () => {
    replies.receive('g1', 'm1', { root: msg(1), items: [], hasMore: false, following: false });
    messages.applyEvent('g1', 'm.1.3', { type: 'ThreadFollowed', threadId: 'm1', userId: 'u9', groupId: 'g1', occurredAt: at(3) });
    expect(replies.thread('g1', 'm1').following).toBe(false);
    messages.applyEvent('g1', 'm.1.4', { type: 'ThreadFollowed', threadId: 'm1', userId: 'me', groupId: 'g1', occurredAt: at(4) });
    expect(replies.thread('g1', 'm1').following).toBe(true);
  });

  it('applies edits and reactions to replies in a thread and to its root', () => {
    replies.receive('g1', 'm1', { root: msg(1), items: [msg(3, { threadId: 'm1' })], hasMore: false, following: false });
    messages.applyEvent('g1', 'm.1.4', { type: 'MessageEdited', messageId: 'm3', groupId: 'g1', text: 'changed', mentions: [], occurredAt: at(4) });
    messages.applyEvent('g1', 'm.1.5', { type: 'ReactionAdded', messageId: 'm1', groupId: 'g1', userId: 'u3', emoji: '👍', occurredAt: at(5) });
    const t = replies.thread('g1', 'm1');
    expect(t.items[0]!.text).toBe('changed');
    expect(t.root!.reactions).toEqual([{ emoji: '👍', count: 1, mine: false, userIds: ['u3'] }]);
    expect(main()[0]!.reactions[0]!.count).toBe(1);
  });
});
