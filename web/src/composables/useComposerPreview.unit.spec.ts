// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, nextTick, ref } from 'vue';
import { mount } from '@vue/test-utils';
import { useComposerPreview } from './useComposerPreview';

function harness() {
  const text = ref('');
  let preview!: ReturnType<typeof useComposerPreview>;
  const w = mount(defineComponent({ setup: () => ((preview = useComposerPreview(text)), () => null) }));
  return { text, preview: () => preview, w };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('useComposerPreview', () => {
  it('shows the first link once typing pauses, not on every keystroke', async () => {
    const { text, preview, w } = harness();
    text.value = 'look at https://example.com/a';
    await nextTick();
    expect(preview().shown.value).toBeNull();
    await vi.advanceTimersByTimeAsync(400);
    expect(preview().shown.value).toBe('https://example.com/a');
    w.unmount();
  });

  it('after Remove preview, sends linkPreview: false while that link is still the first one', async () => {
    const { text, preview, w } = harness();
    text.value = 'look at https://example.com/a';
    await vi.advanceTimersByTimeAsync(400);
    preview().remove();
    expect(preview().shown.value).toBeNull();
    expect(preview().sendOptions()).toEqual({ linkPreview: false });
    text.value = 'rather https://other.test/';
    await vi.advanceTimersByTimeAsync(400);
    expect(preview().shown.value).toBe('https://other.test/');
    expect(preview().sendOptions()).toEqual({});
    w.unmount();
  });
});
