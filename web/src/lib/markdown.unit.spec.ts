import { describe, expect, it } from 'vitest';
import { parseMarkdown } from './markdown';

describe('bare links', () => {
  it('leave trailing punctuation and an unmatched ")" to the sentence', () => {
    expect(parseMarkdown('see https://example.com/a_(b)).')).toEqual([
      { t: 'text', v: 'see ' },
      { t: 'link', href: 'https://example.com/a_(b)', c: [{ t: 'text', v: 'https://example.com/a_(b)' }] },
      { t: 'text', v: ').' },
    ]);
  });

  it('a message-long URL of ")" is split in linear time', () => {
    const start = performance.now();
    const nodes = parseMarkdown(`http://x${')'.repeat(3992)}`);
    expect(performance.now() - start).toBeLessThan(100);
    expect(nodes[0]).toMatchObject({ t: 'link', href: 'http://x/' });
  });
});
