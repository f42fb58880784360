// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import type { Quote } from '../../api/types';
import MessageQuote from './MessageQuote.vue';

const quote = (over: Partial<Quote> = {}): Quote => ({
  id: 'm1',
  senderId: 'u2',
  username: 'ann',
  displayName: 'Ann Alder',
  text: 'Who brings\nthe rope?',
  deleted: false,
  ...over,
});

describe('MessageQuote', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('shows the sender and the start of the text, and asks to jump when chosen', async () => {
    const w = mount(MessageQuote, { props: { quote: quote(), jumpable: true } });
    const button = w.get('button');
    expect(button.text()).toBe('Ann AlderWho brings the rope?');
    expect(button.attributes('aria-label')).toBe('Reply to Ann Alder: Who brings the rope?. Show the message');
    await button.trigger('click');
    expect(w.emitted('jump')).toHaveLength(1);
  });

  it('never shows the text of a deleted parent, even if the quote still carries it', () => {
    const w = mount(MessageQuote, { props: { quote: quote({ deleted: true }), jumpable: true } });
    expect(w.text()).toContain('deleted message');
    expect(w.text()).not.toContain('rope');
    expect(w.get('button').attributes('aria-label')).not.toContain('rope');
  });

  it('names a parent not loaded as an earlier message, and is no control outside a conversation', () => {
    const w = mount(MessageQuote, { props: { quote: quote({ senderId: null, username: null, displayName: null, text: null }), jumpable: false } });
    expect(w.find('button').exists()).toBe(false);
    expect(w.text()).toContain('to an earlier message');
  });
});
