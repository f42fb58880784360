import { beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { msg, sentEvent, timeOf } from '../test/messages';
import { useMessagesStore } from './messages.store';

const edited = (over: Record<string, unknown>) => ({ type: 'MessageEdited', messageId: 'm3', groupId: 'g1', text: 'new text', occurredAt: timeOf(5), ...over });

describe('a message’s link preview follows its events', () => {
  let messages: ReturnType<typeof useMessagesStore>;
  const m3 = () => messages.thread('g1').items.find((m) => m.id === 'm3')!;

  beforeEach(() => {
    setActivePinia(createPinia());
    messages = useMessagesStore();
    messages.receiveLatest('g1', [msg(1), msg(2)], false);
    messages.applyEvent('g1', 'm.1.3', sentEvent(3, { linkPreview: 'https://a.test/' }));
  });

  it('is set by MessageSent and cleared by LinkPreviewRemoved', () => {
    expect(m3().linkPreview).toBe('https://a.test/');
    messages.applyEvent('g1', 'm.1.4', { type: 'LinkPreviewRemoved', messageId: 'm3', groupId: 'g1', occurredAt: timeOf(4) });
    expect(m3().linkPreview).toBeNull();
  });

  it('follows an edit that names a new link or none, and stays through an edit from before previews', () => {
    messages.applyEvent('g1', 'm.1.4', edited({ text: 'still a link' }));
    expect(m3().linkPreview).toBe('https://a.test/');
    messages.applyEvent('g1', 'm.1.5', edited({ linkPreview: 'https://b.test/' }));
    expect(m3().linkPreview).toBe('https://b.test/');
    messages.applyEvent('g1', 'm.1.6', edited({ linkPreview: null }));
    expect(m3().linkPreview).toBeNull();
  });
});
