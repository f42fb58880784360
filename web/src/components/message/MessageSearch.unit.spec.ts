// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { nextTick } from 'vue';
import { mount, RouterLinkStub } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { ApiError } from '../../api/errors';
import type { MessageHit, MessageSearchPage } from '../../api/messages';
import type { GroupSummary } from '../../api/types';
import { useGroupsStore } from '../../stores/groups.store';
import MessageSearch from './MessageSearch.vue';

const search = vi.hoisted(() => vi.fn());
vi.mock('../../api/messages', () => ({ messagesApi: { search } }));
vi.mock('../../api/users', () => ({
  usersApi: { get: vi.fn(async (id: string) => ({ id, username: id, displayName: id === 'u1' ? 'Alice Archer' : null, avatarMediaId: null })) },
}));

const hit = (id: string, highlight: string[], text = 'plain text'): MessageHit => ({
  id,
  groupId: 'g1',
  senderId: 'u1',
  text,
  sentAt: '2026-03-01T10:00:00.000Z',
  editedAt: null,
  position: null,
  highlight,
  score: 1,
});
const page = (items: MessageHit[], nextCursor: string | null = null): MessageSearchPage => ({ items, total: items.length, nextCursor });

/** Resolves the pending promise chain (the mocked request, the store lookups, the re-render). */
async function settle() {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
  await nextTick();
}

function mountSearch(props: { groupId?: string; groupName?: string } = { groupId: 'g1', groupName: 'Chess' }) {
  return mount(MessageSearch, { props, attachTo: document.body, global: { stubs: { RouterLink: RouterLinkStub } } });
}

async function type(w: ReturnType<typeof mountSearch>, text: string) {
  await w.get('input').setValue(text);
  await vi.advanceTimersByTimeAsync(250);
  await settle();
}

describe('MessageSearch', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    vi.useFakeTimers();
    search.mockReset();
  });
  afterEach(() => {
    vi.useRealTimers();
    document.body.innerHTML = '';
  });

  it('is labelled, takes focus, and searches this group once typing pauses', async () => {
    search.mockResolvedValue(page([hit('m1', ['the <mark>gambit</mark> wins'])]));
    const w = mountSearch();
    const input = w.get('input');
    expect(document.activeElement).toBe(input.element);
    expect(w.get(`label[for="${input.attributes('id')}"]`).text()).toBe('Search messages in Chess');

    await input.setValue('gam');
    await vi.advanceTimersByTimeAsync(100);
    await input.setValue('gambit');
    expect(search).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(250);
    await settle();

    expect(search).toHaveBeenCalledTimes(1);
    expect(search.mock.calls[0]![0]).toBe('gambit');
    expect(search.mock.calls[0]![1]).toMatchObject({ groupId: 'g1', cursor: undefined });
    const result = w.get('[data-testid="search-hit"]');
    expect(result.get('[data-testid="search-hit-sender"]').text()).toBe('Alice Archer');
    expect(result.get('mark').text()).toBe('gambit');
    expect(result.get('[data-testid="search-hit-text"]').text()).toBe('the gambit wins');
    w.unmount();
  });

  it('shows escaped markup in a fragment as text, creating no element from it', async () => {
    search.mockResolvedValue(page([hit('m1', ['&lt;img src=x onerror=alert(1)&gt; &lt;script&gt;x&lt;&#x2F;script&gt; <mark>boom</mark>'])]));
    const w = mountSearch();
    await type(w, 'boom');
    const text = w.get('[data-testid="search-hit-text"]');
    expect(text.text()).toBe('<img src=x onerror=alert(1)> <script>x</script> boom');
    expect(text.findAll('img, script')).toHaveLength(0);
    expect(text.findAll('mark').map((m) => m.text())).toEqual(['boom']);
    w.unmount();
  });

  it('falls back to the message text when there is no fragment', async () => {
    search.mockResolvedValue(page([hit('m1', [], '<b>not bold</b>')]));
    const w = mountSearch();
    await type(w, 'bold');
    const text = w.get('[data-testid="search-hit-text"]');
    expect(text.text()).toBe('<b>not bold</b>');
    expect(text.findAll('b, mark')).toHaveLength(0);
    w.unmount();
  });

  it('says when nothing matches, and clears when the field is emptied', async () => {
    search.mockResolvedValue(page([]));
    const w = mountSearch();
    await type(w, 'zugzwang');
    expect(w.get('[data-testid="message-search-empty"]').text()).toBe('No messages match “zugzwang”.');
    await type(w, '  ');
    expect(search).toHaveBeenCalledTimes(1);
    expect(w.find('[data-testid="message-search-empty"]').exists()).toBe(false);
    w.unmount();
  });

  it('shows loading while the request runs, then an error with a retry that works', async () => {
    let fail!: (e: unknown) => void;
    search.mockImplementationOnce(() => new Promise((_, reject) => (fail = reject)));
    const w = mountSearch();
    await type(w, 'rook');
    expect(w.find('[data-testid="message-search-loading"]').exists()).toBe(true);
    fail(new ApiError(503, 'search_unavailable', 'search is unavailable; retry shortly'));
    await settle();
    expect(w.find('[data-testid="message-search-loading"]').exists()).toBe(false);
    expect(w.get('[role="alert"]').text()).toContain('search is unavailable; retry shortly');

    search.mockResolvedValueOnce(page([hit('m1', ['<mark>rook</mark> lift'])]));
    await w.get('[role="alert"] button').trigger('click');
    await settle();
    expect(w.find('[role="alert"]').exists()).toBe(false);
    expect(w.findAll('[data-testid="search-hit"]')).toHaveLength(1);
    w.unmount();
  });

  it('pages with the cursor, appending the next results', async () => {
    search.mockResolvedValueOnce(page([hit('m1', ['<mark>pawn</mark> one'])], 'c1')).mockResolvedValueOnce(page([hit('m2', ['<mark>pawn</mark> two'])]));
    const w = mountSearch();
    await type(w, 'pawn');
    const more = w.get('button.msearch__more');
    expect(more.text()).toBe('More results');
    // Typing has started again, but more results continue the search on show.
    await w.get('input').setValue('pawns');
    await more.trigger('click');
    await settle();
    expect(search.mock.calls[1]).toMatchObject(['pawn', { groupId: 'g1', cursor: 'c1' }]);
    expect(w.findAll('[data-testid="search-hit-text"]').map((h) => h.text())).toEqual(['pawn one', 'pawn two']);
    expect(w.find('button.msearch__more').exists()).toBe(false);
    w.unmount();
  });

  it('drops a slower answer to an older query', async () => {
    let answerOld!: (p: MessageSearchPage) => void;
    search.mockImplementationOnce(() => new Promise((resolve) => (answerOld = resolve))).mockResolvedValueOnce(page([hit('m2', ['<mark>knight</mark>'])]));
    const w = mountSearch();
    await type(w, 'king');
    await type(w, 'knight');
    answerOld(page([hit('m1', ['<mark>king</mark>'])]));
    await settle();
    expect(w.findAll('[data-testid="search-hit-text"]').map((h) => h.text())).toEqual(['knight']);
    w.unmount();
  });

  it('links each hit to its message, and across all conversations names the group of each', async () => {
    search.mockResolvedValue(page([hit('m1', ['<mark>opening</mark>'])]));
    useGroupsStore().mine = [{ id: 'g1', name: 'Chess club', visibility: 'public', myRole: 'member' } as GroupSummary];
    const w = mountSearch({});
    expect(w.get('label').text()).toBe('Search messages in all your conversations');
    await type(w, 'opening');
    expect(search.mock.calls[0]![1]).toMatchObject({ groupId: undefined });
    expect(w.getComponent(RouterLinkStub).props('to')).toBe('/groups/g1/messages/m1');
    expect(w.get('[data-testid="search-hit-group"]').text()).toBe('in Chess club');
    expect(w.get('#message-search-filters').text()).toContain('from:username');
    w.unmount();
  });

  it('closes on Escape', async () => {
    const w = mountSearch();
    await w.get('input').trigger('keydown', { key: 'Escape' });
    expect(w.emitted('close')).toHaveLength(1);
    w.unmount();
  });
});
