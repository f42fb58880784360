import { beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { msg, sentEvent } from '../test/messages';
import { useMessagesStore } from './messages.store';

describe('messages store', () => {
  let store: ReturnType<typeof useMessagesStore>;
  const ids = () => store.thread('g1').items.map((m) => m.id);

  beforeEach(() => {
    setActivePinia(createPinia());
    store = useMessagesStore();
    store.me = 'me';
  });

  it('merges history pages and live events in log order without duplicates', () => {
    store.receiveLatest('g1', [msg(5), msg(6), msg(7)], true);
    store.receiveOlder('g1', [msg(3), msg(4), msg(5)], false);
    store.applyEvent('g1', 'm.1.8', sentEvent(8));
    store.applyEvent('g1', 'm.1.8', sentEvent(8));
    store.receiveNewer('g1', [msg(7), msg(8), msg(9)]);
    expect(ids()).toEqual(['m3', 'm4', 'm5', 'm6', 'm7', 'm8', 'm9']);
    expect(store.thread('g1').hasOlder).toBe(false);
  });

  it('orders positions numerically, not as text', () => {
    store.receiveLatest('g1', [msg(9), msg(10), msg(100)], false);
    store.receiveNewer('g1', [msg(11)]);
    expect(ids()).toEqual(['m9', 'm10', 'm11', 'm100']);
  });

  it('ignores a replayed event at or before the newest applied position', () => {
    store.receiveLatest('g1', [msg(1)], false);
    store.applyEvent('g1', 'm.1.2', { type: 'ReactionAdded', messageId: 'm1', userId: 'u3', emoji: '👍' });
    expect(store.applyEvent('g1', 'm.1.2', { type: 'ReactionAdded', messageId: 'm1', userId: 'u3', emoji: '👍' })).toBe(false);
    expect(store.thread('g1').items[0]!.reactions).toEqual([{ emoji: '👍', count: 1, mine: false, userIds: ['u3'] }]);
  });

  it('replaces an optimistic entry when its event arrives (matched by clientMessageId), keeping its row key', () => {
    store.receiveLatest('g1', [msg(1)], false);
    const pending = store.addPending('g1', { clientMessageId: 'c2', text: 'hi', attachments: [] });
    expect(pending.status).toBe('pending');
    store.applyEvent('g1', 'm.1.2', sentEvent(2, { senderId: 'me', text: 'hi' }));
    const items = store.thread('g1').items;
    expect(items).toHaveLength(2);
    expect(items[1]).toMatchObject({ id: 'm2', key: 'c2', status: 'sent', position: 'm.1.2' });
  });

  it('confirms an optimistic entry from the command answer, and the later event does not duplicate it', () => {
    store.addPending('g1', { clientMessageId: 'c2', text: 'hi', attachments: [] });
    store.markSent('g1', 'c2', 'm2', 'm.1.2');
    store.applyEvent('g1', 'm.1.2', sentEvent(2, { senderId: 'me', text: 'hi' }));
    expect(store.thread('g1').items).toHaveLength(1);
    expect(store.thread('g1').items[0]).toMatchObject({ id: 'm2', status: 'sent' });
  });

  it('does not let a late answer turn a confirmed message back to failed', () => {
    store.addPending('g1', { clientMessageId: 'c2', text: 'hi', attachments: [] });
    store.applyEvent('g1', 'm.1.2', sentEvent(2, { senderId: 'me', text: 'hi' }));
    store.markFailed('g1', 'c2', 'timeout');
    expect(store.thread('g1').items[0]!.status).toBe('sent');
  });

  it('keeps pending and failed entries after confirmed ones, and retry keeps the same clientMessageId', () => {
    store.receiveLatest('g1', [msg(1)], false);
    store.addPending('g1', { clientMessageId: 'cA', text: 'a', attachments: [] });
    store.markFailed('g1', 'cA', 'offline');
    store.applyEvent('g1', 'm.1.2', sentEvent(2));
    let items = store.thread('g1').items;
    expect(items.map((m) => m.key)).toEqual(['m1', 'c2', 'cA']);
    expect(items[2]).toMatchObject({ status: 'failed', error: 'offline' });
    store.markPending('g1', 'cA');
    store.markSent('g1', 'cA', 'm3', 'm.1.3');
    items = store.thread('g1').items;
    expect(items.map((m) => m.key)).toEqual(['m1', 'c2', 'cA']);
    expect(items[2]).toMatchObject({ status: 'sent', id: 'm3', clientMessageId: 'cA' });
  });

  it('a history reload after a resync keeps our unconfirmed sends', () => {
    store.receiveLatest('g1', [msg(1), msg(2)], false);
    store.addPending('g1', { clientMessageId: 'cX', text: 'x', attachments: [] });
    store.receiveLatest('g1', [msg(40), msg(41)], true, true);
    expect(store.thread('g1').items.map((m) => m.key)).toEqual(['m40', 'm41', 'cX']);
    expect(store.thread('g1').lastPosition).toBe('m.1.41');
  });

  it('applies edits, deletions and reactions, counting each user once', () => {
    store.receiveLatest('g1', [msg(1, { reactions: [{ emoji: '🎉', count: 2, mine: true }] })], false);
    store.applyEvent('g1', 'm.1.2', { type: 'MessageEdited', messageId: 'm1', text: 'fixed', occurredAt: 1_700_000_100_000 });
    store.applyEvent('g1', 'm.1.3', { type: 'ReactionAdded', messageId: 'm1', userId: 'me', emoji: '🎉' });
    store.applyEvent('g1', 'm.1.4', { type: 'ReactionAdded', messageId: 'm1', userId: 'u5', emoji: '👍' });
    store.applyEvent('g1', 'm.1.5', { type: 'ReactionRemoved', messageId: 'm1', userId: 'u9', emoji: '🎉' });
    let m = store.thread('g1').items[0]!;
    expect(m.text).toBe('fixed');
    expect(m.editedAt).toBeTruthy();
    expect(m.reactions.map((r) => [r.emoji, r.count, r.mine])).toEqual([
      ['🎉', 1, true],
      ['👍', 1, false],
    ]);
    store.applyEvent('g1', 'm.1.6', { type: 'MessageDeleted', messageId: 'm1' });
    m = store.thread('g1').items[0]!;
    expect(m).toMatchObject({ deleted: true, text: null, attachments: [] });
  });
});
