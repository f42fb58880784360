// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { h } from 'vue';
import MessageText from './MessageText.vue';
import { useAuthStore } from '../../stores/auth.store';
import { useUsersStore } from '../../stores/users.store';

type Props = { text: string; mentions?: string[]; broadcast?: 'here' | 'everyone' | null };
const render = (text: string, more: Omit<Props, 'text'> = {}) => mount(MessageText, { props: { text, ...more } });

beforeEach(() => {
  setActivePinia(createPinia());
  const users = useUsersStore();
  users.remember({ id: 'u-ann', username: 'ann', displayName: 'Ann', avatarMediaId: null });
  users.remember({ id: 'u-me', username: 'me_too', displayName: 'Me', avatarMediaId: null });
  useAuthStore().user = { id: 'u-me', username: 'me_too', displayName: 'Me', interests: [], avatarMediaId: null };
});

describe('MessageText', () => {
  it('shows a <script> tag as text and creates no element from it', () => {
    const w = render('<script>alert("x")</script> & <img src=x onerror=alert(1)>');
    expect(w.find('script').exists()).toBe(false);
    expect(w.find('img').exists()).toBe(false);
    expect(w.text()).toBe('<script>alert("x")</script> & <img src=x onerror=alert(1)>');
    expect(w.html()).toContain('&lt;script&gt;');
  });

  it('renders bold, italic, strikethrough and code', () => {
    const w = render('**bold** and *it* and _also_ and ~~gone~~ and `a <b> c`');
    expect(w.find('strong').text()).toBe('bold');
    expect(w.findAll('em').map((e) => e.text())).toEqual(['it', 'also']);
    expect(w.find('s').text()).toBe('gone');
    expect(w.find('code').text()).toBe('a <b> c');
    expect(w.find('b').exists()).toBe(false);
  });

  it('does not italicise inside words or across spaces', () => {
    const w = render('snake_case_name and 2 * 3 * 4');
    expect(w.find('em').exists()).toBe(false);
    expect(w.text()).toBe('snake_case_name and 2 * 3 * 4');
  });

  it('shows a fenced block literally in <pre><code>, with its language as class and label', () => {
    const w = render('```html\n<img src=x onerror=alert(1)>\n```');
    expect(w.find('img').exists()).toBe(false);
    expect(w.get('pre code').text()).toBe('<img src=x onerror=alert(1)>');
    expect(w.get('pre code').classes()).toEqual(['language-html']);
    expect(w.get('[data-testid="code-language"]').text()).toBe('html');
    expect(render('```"><x\nhi\n```').find('[data-testid="code-language"]').exists()).toBe(false);
  });

  it('renders quotes, lists with their start, and headings as bold paragraphs', () => {
    const w = render('> quoted\n\n- one\n- two\n\n3. three\n4. four\n\n## Title');
    expect(w.get('blockquote').text()).toBe('quoted');
    expect(w.findAll('ul > li').map((li) => li.text())).toEqual(['one', 'two']);
    expect(w.get('ol').attributes('start')).toBe('3');
    expect(w.find('h2').exists()).toBe(false);
    expect(w.get('p.md-heading strong').text()).toBe('Title');
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
    const w = render('[click](javascript:alert(1)) [d](data:text/html,hi) [r](/admin) <javascript:alert(1)>');
    expect(w.find('a').exists()).toBe(false);
    expect(w.text()).toContain('[click](javascript:alert(1))');
  });

  it('keeps line breaks within a paragraph', () => {
    expect(render('one\ntwo').get('p').text()).toBe('one\ntwo');
  });

  it('hides a spoiler behind a button until it is selected', async () => {
    const w = render('the end: ||they [win](https://x.test)||');
    const veil = w.get('button[data-testid="spoiler"]');
    expect(veil.attributes('aria-label')).toBe('Spoiler, select to show');
    expect(veil.get('span').attributes('inert')).toBeDefined();
    await veil.trigger('click');
    expect(w.find('button').exists()).toBe(false);
    expect(w.get('[data-testid="spoiler"] a').attributes('href')).toBe('https://x.test/');
  });

  it('highlights only the mentions the message carries, and marks mine and broadcasts', () => {
    const w = render('@ann @me_too @bob @here `@ann`', { mentions: ['u-ann', 'u-me'], broadcast: 'here' });
    const marks = w.findAll('[data-testid="mention"]');
    expect(marks.map((m) => [m.text(), m.classes('mention--me')])).toEqual([
      ['@ann', false],
      ['@me_too', true],
      ['@here', true],
    ]);
    expect(marks[0]!.attributes('data-user-id')).toBe('u-ann');
    expect(render('@ann @here').find('[data-testid="mention"]').exists()).toBe(false);
  });

  it('highlights a mention of me even when my card has no username', () => {
    useUsersStore().byId.set('u-me', { id: 'u-me', username: null, displayName: null, avatarMediaId: null });
    expect(
      render('hi @me_too', { mentions: ['u-me'] })
        .get('[data-testid="mention"]')
        .classes('mention--me'),
    ).toBe(true);
  });

  it('puts its slot at the end of the last paragraph', () => {
    const w = mount(MessageText, { props: { text: 'a\n\nb' }, slots: { default: () => h('span', { class: 'tail' }, ' (edited)') } });
    expect(w.findAll('p')[1]!.html()).toContain('class="tail"');
  });
});
