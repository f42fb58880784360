// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import MessageComposer from './MessageComposer.vue';
import type { Member, Role } from '../../api/types';
import { useAuthStore } from '../../stores/auth.store';
import { useGroupsStore } from '../../stores/groups.store';

const member = (userId: string, username: string, displayName: string): Member => ({ userId, username, displayName, avatarMediaId: null, role: 'member' });

function setup(role: Role = 'member') {
  const pinia = createPinia();
  setActivePinia(pinia);
  const groups = useGroupsStore();
  groups.mine = [{ id: 'g1', name: 'Chess', description: '', interests: [], visibility: 'public', memberCount: 3, myRole: role }];
  const list = [member('u-ann', 'ann', 'Ann Archer'), member('u-anton', 'anton', 'Anton'), member('u-me', 'me', 'Me')];
  groups.loadMembers = async (id: string) => {
    groups.members.set(id, list);
    return list;
  };
  useAuthStore().user = { id: 'u-me', username: 'me', displayName: 'Me', interests: [], avatarMediaId: null };
  const w = mount(MessageComposer, { props: { groupName: 'Chess', groupId: 'g1' }, global: { plugins: [pinia] }, attachTo: document.body });
  const input = w.get('textarea');
  const el = input.element as HTMLTextAreaElement;
  const type = async (value: string) => {
    await input.setValue(value);
    el.setSelectionRange(value.length, value.length);
    await input.trigger('input');
    await flushPromises();
  };
  return { w, input, el, type };
}

describe('composer formatting', () => {
  beforeEach(() => localStorage.clear());

  it('a toolbar button wraps the selection and keeps the focus in the field', async () => {
    const { w, input, el } = setup();
    await input.setValue('make this bold');
    el.setSelectionRange(10, 14);
    await w.get('[data-testid="format-bold"]').trigger('click');
    await flushPromises();
    expect(el.value).toBe('make this **bold**');
    expect([el.selectionStart, el.selectionEnd]).toEqual([12, 16]);
    expect(w.get('[data-testid="format-bold"]').attributes('aria-label')).toBe('Bold (Ctrl+B)');
    w.unmount();
  });

  it('Ctrl+Shift+E makes a code block; Ctrl+B does not send', async () => {
    const { w, input, el } = setup();
    await input.setValue('x = 1');
    el.setSelectionRange(0, 5);
    await input.trigger('keydown', { key: 'E', code: 'KeyE', ctrlKey: true, shiftKey: true });
    await flushPromises();
    expect(el.value).toBe('```\nx = 1\n```');
    await input.trigger('keydown', { key: 'b', ctrlKey: true });
    expect(w.emitted('send')).toBeUndefined();
    w.unmount();
  });

  it('the preview toggle is pressed and renders the text as a message would show', async () => {
    const { w, input } = setup();
    await input.setValue('**hi** <b>x</b>');
    const toggle = w.get('[data-testid="composer-preview-toggle"]');
    expect(toggle.attributes('aria-pressed')).toBe('false');
    await toggle.trigger('click');
    expect(toggle.attributes('aria-pressed')).toBe('true');
    const preview = w.get('[data-testid="composer-preview"]');
    expect(preview.get('strong').text()).toBe('hi');
    expect(preview.find('b').exists()).toBe(false);
    w.unmount();
  });
});

describe('composer @mention completion', () => {
  it('lists matching members (not me), and Enter inserts the username', async () => {
    const { w, input, el, type } = setup();
    await type('hello @an');
    const list = w.get('[role="listbox"]');
    expect(list.findAll('[role="option"]').map((o) => o.text())).toEqual(['Ann Archer@ann', 'Anton@anton']);
    expect(el.getAttribute('aria-controls')).toBe(list.attributes('id'));
    expect(el.getAttribute('aria-activedescendant')).toBe(list.findAll('[role="option"]')[0]!.attributes('id'));
    await input.trigger('keydown', { key: 'ArrowDown' });
    expect(list.findAll('[role="option"]')[1]!.attributes('aria-selected')).toBe('true');
    await input.trigger('keydown', { key: 'Enter' });
    await flushPromises();
    expect(el.value).toBe('hello @anton ');
    expect(w.emitted('send')).toBeUndefined();
    expect(w.find('[role="listbox"]').exists()).toBe(false);
    w.unmount();
  });

  it('keystrokes made while the members load wait for that load', async () => {
    const { w, input, el, type } = setup();
    const groups = useGroupsStore();
    const load = groups.loadMembers;
    let release!: () => void;
    groups.loadMembers = (id: string) => new Promise((r) => (release = () => r(load(id))));
    await input.setValue('@');
    el.setSelectionRange(1, 1);
    await input.trigger('input');
    await type('@an');
    expect(w.find('[role="listbox"]').exists()).toBe(false);
    release();
    await flushPromises();
    expect(w.findAll('[role="option"]')).toHaveLength(2);
    w.unmount();
  });

  it('offers @here and @everyone only to roles the group allows', async () => {
    const member = setup('member');
    await member.type('@ev');
    expect(member.w.find('[role="listbox"]').exists()).toBe(false);
    member.w.unmount();
    const moderator = setup('moderator');
    await moderator.type('@ev');
    expect(moderator.w.findAll('[role="option"]').map((o) => o.text())).toEqual(['@everyoneevery member of this group']);
    moderator.w.unmount();
    const everyone = setup('member');
    useGroupsStore().details.set('g1', { ...useGroupsStore().mine[0]!, broadcastMinRole: 'member' });
    await everyone.type('@ev');
    expect(everyone.w.findAll('[role="option"]')).toHaveLength(1);
    everyone.w.unmount();
  });

  it('Escape closes the list and leaves the text', async () => {
    const { w, input, el, type } = setup();
    await type('@a');
    await input.trigger('keydown', { key: 'Escape' });
    expect(w.find('[role="listbox"]').exists()).toBe(false);
    expect(el.value).toBe('@a');
    w.unmount();
  });
});

describe('composer toolbar keyboard', () => {
  it('is one Tab stop; arrows, Home and End move between its buttons', async () => {
    const { w } = setup();
    const buttons = () => w.findAll('[role="toolbar"] button');
    expect(buttons().map((b) => b.attributes('tabindex'))).toEqual(['0', ...Array(buttons().length - 1).fill('-1')]);
    const first = buttons()[0]!.element as HTMLButtonElement;
    first.focus();
    await buttons()[0]!.trigger('keydown', { key: 'ArrowRight' });
    expect(document.activeElement?.getAttribute('data-testid')).toBe('format-italic');
    await w.get('[data-testid="format-italic"]').trigger('focusin');
    expect(w.get('[data-testid="format-italic"]').attributes('tabindex')).toBe('0');
    expect(buttons()[0]!.attributes('tabindex')).toBe('-1');
    await w.get('[data-testid="format-italic"]').trigger('keydown', { key: 'End' });
    expect(document.activeElement?.getAttribute('data-testid')).toBe('composer-preview-toggle');
    await w.get('[data-testid="composer-preview-toggle"]').trigger('keydown', { key: 'ArrowRight' });
    expect(document.activeElement?.getAttribute('data-testid')).toBe('format-bold');
    w.unmount();
  });
});
