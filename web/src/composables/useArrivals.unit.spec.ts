import { describe, expect, it } from 'vitest';
import { nextTick, ref } from 'vue';
import type { ChatMessage } from '../stores/messages.merge';
import { useArrivals } from './useArrivals';

const msg = (key: string, senderId = 'alice', status: ChatMessage['status'] = 'sent'): ChatMessage =>
  ({ key, id: key, groupId: 'g1', senderId, text: key, attachments: [], reactions: [], sentAt: '2026-12-01T10:00:00Z', status }) as unknown as ChatMessage;

function arrivals(initial: ChatMessage[], isLoaded = true) {
  const items = ref(initial);
  const loaded = ref(isLoaded);
  const heard: string[][] = [];
  useArrivals(
    () => items.value,
    () => loaded.value,
    () => 'me',
    (batch) => heard.push(batch.map((m) => m.key)),
  );
  return { items, loaded, heard };
}

describe('useArrivals', () => {
  it('takes the first list and older pages as read', async () => {
    const { items, heard } = arrivals([msg('m3'), msg('m4')]);
    items.value = [msg('m1'), msg('m2'), ...items.value];
    await nextTick();
    expect(heard).toEqual([]);
  });

  it('reports each new message of someone else once, not our own, not edits of known ones', async () => {
    const { items, heard } = arrivals([msg('m1')]);
    items.value = [...items.value, msg('m2'), msg('mine', 'me', 'pending')];
    await nextTick();
    items.value = [msg('m1'), { ...msg('m2'), text: 'edited' }, msg('m3'), { ...msg('mine', 'me'), status: 'sent' }];
    await nextTick();
    expect(heard).toEqual([['m2'], ['m3']]);
  });

  it('takes the history as read when it loads, then hears the first message of an empty group', async () => {
    const { items, loaded, heard } = arrivals([], false);
    items.value = [msg('m1'), msg('m2')];
    loaded.value = true;
    await nextTick();
    expect(heard).toEqual([]);

    const empty = arrivals([]);
    empty.items.value = [msg('first')];
    await nextTick();
    expect(empty.heard).toEqual([['first']]);
  });
});
