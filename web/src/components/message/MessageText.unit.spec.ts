// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import MessageText from './MessageText.vue';
import { parseMarkdown } from '../../lib/markdown';

const render = (text: string) => mount(MessageText, { props: { text } });

describe('MessageText', () => {
  it('shows a <script> tag as text and creates no element from it', () => {
    const w = render('<script>alert("x")</script> & <img src=x onerror=alert(1)>');
    expect(w.find('script').exists()).toBe(false);
    expect(w.find('img').exists()).toBe(false);
    expect(w.text()).toBe('<script>alert("x")</script> & <img src=x onerror=alert(1)>');
    expect(w.html()).toContain('&lt;script&gt;');
  });

  it('renders bold, italic and code', () => {
    const w = render('**bold** and *it* and _also_ and `a <b> c`');
    expect(w.find('strong').text()).toBe('bold');
    expect(w.findAll('em').map((e) => e.text())).toEqual(['it', 'also']);
    expect(w.find('code').text()).toBe('a <b> c');
    expect(w.find('b').exists()).toBe(false);
  });

  it('does not italicise inside words or across spaces', () => {
    const w = render('snake_case_name and 2 * 3 * 4');
    expect(w.find('em').exists()).toBe(false);
    expect(w.text()).toBe('snake_case_name and 2 * 3 * 4');
  });

  it('links http(s) URLs with noopener in a new tab', () => {
    const w = render('see [the docs](https://example.com/a?b=1&c=2) or https://example.org/x.');
    const links = w.findAll('a');
    expect(links.map((a) => a.attributes('href'))).toEqual(['https://example.com/a?b=1&c=2', 'https://example.org/x']);
    for (const a of links) {
      expect(a.attributes('rel')).toContain('noopener');
      expect(a.attributes('rel')).toContain('noreferrer');
      expect(a.attributes('target')).toBe('_blank');
    }
    expect(w.text().endsWith('https://example.org/x.')).toBe(true);
  });

  it('never links javascript:, data: or relative URLs', () => {
    const w = render('[click](javascript:alert(1)) [d](data:text/html,hi) [r](/admin) javascript:alert(1)');
    expect(w.find('a').exists()).toBe(false);
    expect(w.text()).toContain('[click](javascript:alert(1))');
  });

  it('keeps markup inside code literal', () => {
    expect(parseMarkdown('`**not bold**`')).toEqual([{ t: 'code', v: '**not bold**' }]);
  });

  it('keeps line breaks', () => {
    const w = render('one\ntwo');
    expect(w.text()).toBe('one\ntwo');
  });

  it('nests emphasis in bold and in link labels', () => {
    expect(parseMarkdown('**very _much_**')).toEqual([
      {
        t: 'strong',
        c: [
          { t: 'text', v: 'very ' },
          { t: 'em', c: [{ t: 'text', v: 'much' }] },
        ],
      },
    ]);
    const w = render('[**big** link](https://x.test)');
    expect(w.find('a strong').text()).toBe('big');
  });

  it('stays fast on pathological input', () => {
    for (const input of ['**a'.repeat(1400), '*a '.repeat(1400), '_'.repeat(4000), '[x]('.repeat(800), 'https://' + 'a('.repeat(2000)]) {
      const t0 = performance.now();
      parseMarkdown(input);
      expect(performance.now() - t0).toBeLessThan(200);
    }
  });
});
