/**
 * happy-dom lays nothing out: no element has a size, scrolling neither clamps nor fires
 * `scroll`. This stands in for the browser where the virtual list looks: every scroll
 * container (overflow-y: auto) is `viewport` pixels high, every other observed element `row`
 * pixels, a container scrolls as far as its first child is high and tells its listeners.
 */
export function fakeLayout({ viewport, row }: { viewport: number; row: number }) {
  const win = window as unknown as { ResizeObserver: unknown; HTMLElement: typeof HTMLElement };
  const original = win.ResizeObserver;
  const proto = win.HTMLElement.prototype;
  const offsets = new WeakMap<Element, number>();
  const isScroller = (el: Element) => (el as HTMLElement).style?.overflowY === 'auto';
  const contentHeight = (el: Element) => parseFloat((el.firstElementChild as HTMLElement | null)?.style.height ?? '') || 0;

  win.ResizeObserver = class {
    constructor(private readonly callback: ResizeObserverCallback) {}
    observe(el: Element) {
      setTimeout(() => {
        if (!el.isConnected) return;
        const height = isScroller(el) ? viewport : row;
        this.callback([{ target: el, contentRect: { width: 320, height } } as unknown as ResizeObserverEntry], this as unknown as ResizeObserver);
      });
    }
    unobserve() {}
    disconnect() {}
  };
  Object.defineProperty(proto, 'offsetParent', { configurable: true, get: (): Element | null => document.body });
  Object.defineProperty(proto, 'scrollTop', {
    configurable: true,
    get(this: HTMLElement) {
      return offsets.get(this) ?? 0;
    },
    set(this: HTMLElement, value: number) {
      const max = isScroller(this) ? Math.max(0, contentHeight(this) - viewport) : 0;
      const next = Math.max(0, Math.min(Number(value) || 0, max));
      if (next === (offsets.get(this) ?? 0)) return;
      offsets.set(this, next);
      setTimeout(() => this.dispatchEvent(new Event('scroll')));
    },
  });

  return {
    restore() {
      win.ResizeObserver = original;
      delete (proto as unknown as Record<string, unknown>).offsetParent;
      delete (proto as unknown as Record<string, unknown>).scrollTop;
    },
  };
}
