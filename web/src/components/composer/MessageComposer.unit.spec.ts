// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import MessageComposer from './MessageComposer.vue';

const mountComposer = () => mount(MessageComposer, { props: { groupName: 'Chess' }, attachTo: document.body });

describe('MessageComposer', () => {
  it('sends on Enter and clears the field', async () => {
    const w = mountComposer();
    const input = w.get('textarea');
    await input.setValue('hello there');
    await input.trigger('keydown', { key: 'Enter' });
    expect(w.emitted('send')).toEqual([['hello there', [], {}]]);
    expect((input.element as HTMLTextAreaElement).value).toBe('');
    w.unmount();
  });

  it('does not send on Shift+Enter (the browser inserts a new line)', async () => {
    const w = mountComposer();
    const input = w.get('textarea');
    await input.setValue('line one');
    await input.trigger('keydown', { key: 'Enter', shiftKey: true });
    expect(w.emitted('send')).toBeUndefined();
    await input.setValue('line one\nline two');
    await input.trigger('keydown', { key: 'Enter' });
    expect(w.emitted('send')).toEqual([['line one\nline two', [], {}]]);
    w.unmount();
  });

  it('does not send while an IME composition is in progress', async () => {
    const w = mountComposer();
    const input = w.get('textarea');
    await input.setValue('にほん');
    await input.trigger('keydown', { key: 'Enter', isComposing: true });
    expect(w.emitted('send')).toBeUndefined();
    w.unmount();
  });

  it('ignores blank messages', async () => {
    const w = mountComposer();
    const input = w.get('textarea');
    await input.setValue('   \n ');
    await input.trigger('keydown', { key: 'Enter' });
    expect(w.emitted('send')).toBeUndefined();
    expect(w.get('[data-testid="send-button"]').attributes('disabled')).toBeDefined();
    w.unmount();
  });

  it('keeps unsent text under its draft key, restores it in a new composer and clears it on send', async () => {
    localStorage.clear();
    const chess = mount(MessageComposer, { props: { groupName: 'Chess', draftKey: 'groupchat.draft.u1.chess' }, attachTo: document.body });
    await chess.get('textarea').setValue('half a thought');
    expect(localStorage.getItem('groupchat.draft.u1.chess')).toBe('half a thought');
    chess.unmount();

    const go = mount(MessageComposer, { props: { groupName: 'Go', draftKey: 'groupchat.draft.u1.go' }, attachTo: document.body });
    expect((go.get('textarea').element as HTMLTextAreaElement).value).toBe('');
    go.unmount();

    const again = mount(MessageComposer, { props: { groupName: 'Chess', draftKey: 'groupchat.draft.u1.chess' }, attachTo: document.body });
    const input = again.get('textarea');
    expect((input.element as HTMLTextAreaElement).value).toBe('half a thought');
    await input.trigger('keydown', { key: 'Enter' });
    expect(again.emitted('send')).toEqual([['half a thought', [], {}]]);
    expect(localStorage.getItem('groupchat.draft.u1.chess')).toBeNull();
    again.unmount();
  });

  it('has labelled controls', () => {
    const w = mountComposer();
    expect(w.get('label[for="composer-text"]').text()).toBe('Message Chess');
    expect(w.find('button[aria-label="Attach files"]').exists()).toBe(true);
    w.unmount();
  });
});
