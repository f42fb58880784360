// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { defineComponent, h } from 'vue';
import VirtualList from './VirtualList.vue';
import { waitFor } from '../../test/wait';
import { fakeLayout } from '../../test/fake-layout';

interface Row {
  id: string;
  text: string;
}

const rows = (n: number, from = 0): Row[] => Array.from({ length: n }, (_, i) => ({ id: `r${from + i}`, text: `message ${from + i}` }));

function mountList(items: Row[]) {
  const Host = defineComponent({
    props: { items: { type: Array as () => Row[], required: true } },
    setup(props) {
      return () =>
        h(
          VirtualList<Row>,
          { items: props.items, keyOf: (r: Row) => r.id, label: 'Messages', bufferSize: 200 },
          { default: ({ item }: { item: Row }) => h('p', { class: 'row' }, item.text) },
        );
    },
  });
  return mount(Host, { props: { items }, attachTo: document.body });
}

const texts = (w: ReturnType<typeof mountList>) => w.findAll('.row').map((r) => r.text());

/**
 * The reader scrolls to `top`, again if the list still settles on its last jump to the bottom,
 * until it has stayed there for three looks in a row.
 */
async function scrollAndStay(w: ReturnType<typeof mountList>, top: number) {
  const scroller = w.find('[data-testid="virtual-list"]').element as HTMLElement;
  let stayed = 0;
  await waitFor(
    () => {
      stayed = scroller.scrollTop === top ? stayed + 1 : 0;
      if (!stayed) scroller.scrollTop = top;
      return stayed >= 3;
    },
    `the list to stay at ${top} px`,
    5_000,
    100,
  );
  return scroller;
}

describe('VirtualList', () => {
  // happy-dom lays nothing out: a viewport of 800 px and rows of 40 px stand in for the browser.
  let layout: ReturnType<typeof fakeLayout>;
  beforeEach(() => (layout = fakeLayout({ viewport: 800, row: 40 })));
  afterEach(() => layout.restore());

  it('renders a bounded number of rows for 10,000 items', async () => {
    const w = mountList(rows(10_000));
    await waitFor(() => w.findAll('[data-testid="virtual-row"]').length > 0, 'rows rendered');
    const rendered = w.findAll('[data-testid="virtual-row"]');
    expect(rendered.length).toBeGreaterThan(0);
    expect(rendered.length).toBeLessThan(60);
    await waitFor(
      () => !!w.find('[data-testid="virtual-list"] > div').attributes('style')?.includes('height: 400000px'),
      'the full height of 10,000 rows of 40 px',
    );
    w.unmount();
  });

  it('starts at the newest rows (chat opens at the bottom)', async () => {
    const w = mountList(rows(10_000));
    await waitFor(() => texts(w).includes('message 9999'), 'the newest row');
    expect(texts(w)).not.toContain('message 0');
    w.unmount();
  });

  it('renders everything when the list is short', async () => {
    const w = mountList(rows(5));
    await waitFor(() => w.findAll('.row').length === 5, 'five rows');
    const list = w.find('[data-testid="virtual-list"]');
    expect(list.attributes('role')).toBe('region');
    expect(list.attributes('aria-label')).toBe('Messages');
    expect(list.attributes('tabindex')).toBe('0');
    w.unmount();
  });

  it('is not a live region: rows mounted by scrolling are never announced', async () => {
    const w = mountList(rows(200));
    await waitFor(() => texts(w).includes('message 199'), 'the newest row');
    const list = w.find('[data-testid="virtual-list"]').element;
    const live = [list, ...list.querySelectorAll('*')].filter(
      (el) => el.hasAttribute('aria-live') || ['log', 'status', 'alert'].includes(el.getAttribute('role') ?? ''),
    );
    expect(live).toEqual([]);
    w.unmount();
  });

  it('keeps the rows in view when older rows are prepended', async () => {
    const w = mountList(rows(100, 100));
    await waitFor(() => texts(w).includes('message 199'), 'the newest row');
    // The reader scrolls up to rows 125 to 145.
    const scroller = await scrollAndStay(w, 25 * 40);
    await waitFor(() => texts(w).includes('message 135') && !texts(w).includes('message 199'), 'rows from the middle');
    await w.setProps({ items: [...rows(100), ...rows(100, 100)] });
    await waitFor(() => texts(w).includes('message 135'), 'the same rows after the prepend');
    expect(texts(w)).not.toContain('message 35');
    expect(scroller.scrollTop).toBe(125 * 40);
    w.unmount();
  });
  it('follows new rows at the bottom; a reader scrolled up stays where they are', async () => {
    const w = mountList(rows(100));
    await waitFor(() => texts(w).includes('message 99'), 'the newest row');
    await w.setProps({ items: rows(101) });
    await waitFor(() => texts(w).includes('message 100'), 'the new row in view');
    const list = w.findComponent(VirtualList);
    expect(list.emitted('at-bottom')?.at(-1)).toEqual([true]);

    const scroller = await scrollAndStay(w, 10 * 40);
    await waitFor(() => texts(w).includes('message 20') && !texts(w).includes('message 100'), 'rows near the top');
    expect(list.emitted('at-bottom')?.at(-1)).toEqual([false]);
    await w.setProps({ items: rows(102) });
    await waitFor(
      () =>
        w
          .find('[data-testid="virtual-list"] > div')
          .attributes('style')
          ?.includes(`height: ${102 * 40}px`) ?? false,
      'the list grown by a row',
    );
    expect(scroller.scrollTop).toBe(10 * 40);
    expect(texts(w)).toContain('message 20');
    expect(texts(w)).not.toContain('message 101');
    w.unmount();
  });
});
