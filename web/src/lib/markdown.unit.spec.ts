import type { Nodes } from 'mdast';
import { describe, expect, it } from 'vitest';
import { MAX_EMPHASIS_MARKS, MAX_PARSED_LENGTH, mentionedNames, parseMarkdown, plainText } from './markdown';
import { MAX_NESTING } from './markdown-nesting';

/** The tree without positions, to compare with a literal. */
const blocks = (source: string) => JSON.parse(JSON.stringify(parseMarkdown(source).children, (k, v: unknown) => (k === 'position' ? undefined : v)));
const inline = (source: string) => blocks(source)[0].children;

const depthOf = (n: Nodes): number => ('children' in n ? 1 + Math.max(0, ...n.children.map(depthOf)) : 0);

describe('parseMarkdown', () => {
  it('keeps raw HTML as text', () => {
    expect(blocks('<script>alert(1)</script>\n<img src=x onerror=alert(1)>')).toEqual([
      { type: 'paragraph', children: [{ type: 'text', value: '<script>alert(1)</script>\n<img src=x onerror=alert(1)>' }] },
    ]);
  });

  it('keeps a fenced block’s language and its content literal', () => {
    expect(blocks('```ts\nconst a = <b>1</b> **x**\n```')).toEqual([{ type: 'code', lang: 'ts', meta: null, value: 'const a = <b>1</b> **x**' }]);
  });

  it('parses quotes, lists, headings and strikethrough', () => {
    const types = blocks('> said\n\n- a\n- b\n\n3. c\n\n# Title\n\n~~gone~~').map((b: Nodes) => b.type);
    expect(types).toEqual(['blockquote', 'list', 'list', 'heading', 'paragraph']);
    expect(inline('~~gone~~ ~kept~')[0]).toEqual({ type: 'delete', children: [{ type: 'text', value: 'gone' }] });
  });

  it('links only http(s); other links, images and references show as typed', () => {
    expect(inline('[a](javascript:alert(1)) [d](data:text/html,x) [r](/admin) ![i](https://x.test/i.png) [ref] a@b.test')).toEqual([
      { type: 'text', value: '[a](javascript:alert(1)) [d](data:text/html,x) [r](/admin) ![i](https://x.test/i.png) [ref] a@b.test' },
    ]);
    expect(inline('[docs](https://example.com/a?b=1) www.example.org')).toMatchObject([
      { type: 'link', url: 'https://example.com/a?b=1' },
      { type: 'text', value: ' ' },
      { type: 'link', url: 'http://www.example.org/' },
    ]);
  });

  it('leaves trailing punctuation and an unmatched ")" after a bare link to the sentence', () => {
    expect(inline('see https://example.com/a_(b)).')).toEqual([
      { type: 'text', value: 'see ' },
      { type: 'link', title: null, url: 'https://example.com/a_(b)', children: [{ type: 'text', value: 'https://example.com/a_(b)' }] },
      { type: 'text', value: ').' },
    ]);
  });

  it('an image inside a link label shows as typed, inside the link', () => {
    expect(inline('[![logo](https://x.test/l.png)](https://x.test)')).toEqual([
      { type: 'link', title: null, url: 'https://x.test/', children: [{ type: 'text', value: '![logo](https://x.test/l.png)' }] },
    ]);
  });

  it('a refused link past the nesting limit shows exactly as typed', () => {
    const source = `${'>'.repeat(MAX_NESTING + 1)} [x](javascript:1)`;
    expect(plainText(parseMarkdown(source))).toBe('> [x](javascript:1)');
  });

  it('a definition line stays visible', () => {
    expect(plainText(parseMarkdown('[x]: https://example.com'))).toBe('[x]: https://example.com');
  });

  it('pairs ||spoilers|| within a block, across emphasis, and leaves an odd one as text', () => {
    expect(inline('a ||secret **bold**|| b || c')).toEqual([
      { type: 'text', value: 'a ' },
      {
        type: 'spoiler',
        children: [
          { type: 'text', value: 'secret ' },
          { type: 'strong', children: [{ type: 'text', value: 'bold' }] },
        ],
      },
      { type: 'text', value: ' b || c' },
    ]);
    expect(inline('`||code||` ||||')).toEqual([
      { type: 'inlineCode', value: '||code||' },
      { type: 'text', value: ' ||||' },
    ]);
  });

  it('finds @mentions outside code, links and addresses', () => {
    expect(inline('hi @Bob. @here')).toEqual([
      { type: 'text', value: 'hi ' },
      { type: 'mention', name: 'bob', value: '@Bob' },
      { type: 'text', value: '. ' },
      { type: 'mention', name: 'here', value: '@here' },
    ]);
    expect(mentionedNames('@ann and ||@bo_b|| `@carl` a@dan.test [@eve](https://e.test) @ann\n```\n@fred\n```')).toEqual(['ann', 'bo_b']);
  });
});

describe('limits', () => {
  it('a text longer than the server takes is shown unparsed', () => {
    const long = `**${'a'.repeat(MAX_PARSED_LENGTH)}**`;
    expect(blocks(long)).toEqual([{ type: 'paragraph', children: [{ type: 'text', value: long }] }]);
  });

  it('a text with more emphasis marks than MAX_EMPHASIS_MARKS shows them as typed, links and code still parsed', () => {
    const busy = `**bold** \`code\` https://x.test ${'*'.repeat(MAX_EMPHASIS_MARKS)}`;
    expect(inline(busy).map((n: Nodes) => n.type)).toEqual(['text', 'inlineCode', 'text', 'link', 'text']);
    expect(inline(busy)[0]).toEqual({ type: 'text', value: '**bold** ' });
    const fewer = `**bold** ${'*'.repeat(MAX_EMPHASIS_MARKS - 4)}`;
    expect(inline(fewer)[0].type).toBe('strong');
  });

  it('containers nest at most MAX_NESTING deep; further markers are text', () => {
    for (const marker of ['>', '- ', '1. ', '> - ']) {
      const tree = parseMarkdown(marker.repeat(MAX_PARSED_LENGTH / marker.length));
      // root, the containers (a list adds an item per level), a paragraph, its text
      expect(depthOf(tree), marker).toBeLessThanOrEqual(2 * MAX_NESTING + 2);
    }
    expect(plainText(parseMarkdown('>'.repeat(MAX_NESTING + 3) + ' a'))).toBe('>>> a');
  });

  // Each once took seconds or overflowed the stack with a hand-written or unguarded parser; the
  // timeout catches a regression to that, not a slow machine.
  it('parses pathological inputs of the longest message length', { timeout: 20_000 }, () => {
    const n = MAX_PARSED_LENGTH;
    const inputs = [
      `http://x${')'.repeat(n - 8)}`,
      '**a'.repeat(n / 3),
      '*a**'.repeat(n / 4),
      '~~a'.repeat(n / 3),
      '_'.repeat(n),
      '['.repeat(n),
      '[x]('.repeat(n / 4),
      `https://${'a('.repeat(n / 2 - 4)}`,
      '>'.repeat(n),
      '1. '.repeat(n / 3),
      '> - '.repeat(n / 4),
      '*_~`[<|@'.repeat(n / 8),
      '```\n'.repeat(n / 4),
      '||a'.repeat(n / 3),
      '@abc'.repeat(n / 4),
    ];
    for (const input of inputs) expect(input.length).toBeLessThanOrEqual(n);
    for (const input of inputs) expect(parseMarkdown(input).type).toBe('root');
    const huge = '>'.repeat(1_000_000);
    expect(plainText(parseMarkdown(huge))).toBe(huge);
  });
});
