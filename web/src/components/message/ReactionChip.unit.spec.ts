// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import ReactionChip from './ReactionChip.vue';
import { reactorsLine } from './reactors';
import { useUsersStore } from '../../stores/users.store';

beforeEach(() => {
  setActivePinia(createPinia());
  const users = useUsersStore();
  users.remember({ id: 'u1', username: 'ann', displayName: 'Ann', avatarMediaId: null });
  users.remember({ id: 'u2', username: 'bob', displayName: 'Bob', avatarMediaId: null });
});

describe('reactorsLine', () => {
  it('names who reacted and counts the rest', () => {
    expect(reactorsLine(['Ann'], 1, '👍')).toBe('Ann reacted with 👍');
    expect(reactorsLine(['Ann', 'You'], 2, '👍')).toBe('Ann and You reacted with 👍');
    expect(reactorsLine(['Ann', 'Bob'], 5, '🎉')).toBe('Ann, Bob and 3 others reacted with 🎉');
    expect(reactorsLine(['Ann'], 2, '🎉')).toBe('Ann and 1 other reacted with 🎉');
  });
});

describe('ReactionChip', () => {
  const mountChip = (userIds?: string[]) =>
    mount(ReactionChip, { props: { reaction: { emoji: '👍', count: 3, mine: true, userIds }, me: 'u2' }, attachTo: document.body });

  it('describes the button with who reacted, shown on focus and hover, hidden by Escape', async () => {
    const w = mountChip(['u1', 'u2']);
    const button = w.get('button');
    const tip = w.get('[role="tooltip"]');
    expect(button.attributes('aria-describedby')).toBe(tip.attributes('id'));
    expect(tip.text()).toBe('Ann, You and 1 other reacted with 👍');
    expect(tip.classes('reaction-chip__tip--shown')).toBe(false);
    await button.trigger('focusin');
    expect(tip.classes('reaction-chip__tip--shown')).toBe(true);
    await button.trigger('keydown', { key: 'Escape' });
    expect(tip.classes('reaction-chip__tip--shown')).toBe(false);
    await w.trigger('mouseenter');
    expect(tip.classes('reaction-chip__tip--shown')).toBe(true);
    await button.trigger('click');
    expect(w.emitted('toggle')).toEqual([['👍']]);
    w.unmount();
  });

  it('a half-second touch shows who reacted and does not toggle; a tap toggles', async () => {
    vi.useFakeTimers();
    try {
      const w = mountChip(['u1']);
      const button = w.get('button');
      await button.trigger('pointerdown', { pointerType: 'touch' });
      vi.advanceTimersByTime(500);
      await button.trigger('pointerup', { pointerType: 'touch' });
      await button.trigger('click');
      expect(w.get('[role="tooltip"]').classes('reaction-chip__tip--shown')).toBe(true);
      expect(w.emitted('toggle')).toBeUndefined();
      await button.trigger('pointerdown', { pointerType: 'touch' });
      vi.advanceTimersByTime(100);
      await button.trigger('pointerup', { pointerType: 'touch' });
      await button.trigger('click');
      expect(w.emitted('toggle')).toEqual([['👍']]);
      w.unmount();
    } finally {
      vi.useRealTimers();
    }
  });

  it('without userIds there is no tooltip, and a click still toggles', async () => {
    const w = mountChip();
    expect(w.find('[role="tooltip"]').exists()).toBe(false);
    expect(w.get('button').attributes('aria-describedby')).toBeUndefined();
    await w.get('button').trigger('click');
    expect(w.emitted('toggle')).toHaveLength(1);
    w.unmount();
  });
});
