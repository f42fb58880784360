// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { defineComponent, h, nextTick } from 'vue';
import VirtualList from './VirtualList.vue';
import { firstEndingAfter } from '../../composables/useVirtualList';

interface Row {
  id: string;
  text: string;
}

const rows = (n: number): Row[] => Array.from({ length: n }, (_, i) => ({ id: `r${i}`, text: `message ${i}` }));

function mountList(items: Row[]) {
  const Host = defineComponent({
    props: { items: { type: Array as () => Row[], required: true } },
    setup(props) {
      return () =>
        h(
          VirtualList<Row>,
          { items: props.items, keyOf: (r: Row) => r.id, estimate: () => 40, label: 'Messages' },
          { default: ({ item }: { item: Row }) => h('p', { class: 'row' }, item.text) },
        );
    },
  });
  return mount(Host, { props: { items }, attachTo: document.body });
}

describe('VirtualList', () => {
  it('renders a bounded number of rows for 10,000 items', async () => {
    const w = mountList(rows(10_000));
    await nextTick();
    await nextTick();
    const rendered = w.findAll('[data-testid="virtual-row"]');
    expect(rendered.length).toBeGreaterThan(0);
    expect(rendered.length).toBeLessThan(60);
    const space = w.find('.virtual-list__space');
    expect(space.attributes('style')).toContain('height: 400000px');
    w.unmount();
  });

  it('starts at the newest rows (chat opens at the bottom)', async () => {
    const w = mountList(rows(10_000));
    await nextTick();
    await nextTick();
    const texts = w.findAll('.row').map((r) => r.text());
    expect(texts).toContain('message 9999');
    expect(texts).not.toContain('message 0');
    w.unmount();
  });

  it('renders everything when the list is short', async () => {
    const w = mountList(rows(5));
    await nextTick();
    expect(w.findAll('.row')).toHaveLength(5);
    expect(w.find('[role="log"]').attributes('aria-label')).toBe('Messages');
    w.unmount();
  });

  it('finds the first row ending below a scroll offset', () => {
    const offsets = new Float64Array([0, 40, 80, 200, 240]);
    expect(firstEndingAfter(offsets, 0)).toBe(0);
    expect(firstEndingAfter(offsets, 40)).toBe(1);
    expect(firstEndingAfter(offsets, 100)).toBe(2);
    expect(firstEndingAfter(offsets, 10_000)).toBe(3);
  });
});
