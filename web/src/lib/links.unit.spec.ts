import { describe, expect, it } from 'vitest';
import { firstLink } from './links';

describe('firstLink', () => {
  it('finds the first http(s) link and leaves the sentence punctuation out', () => {
    expect(firstLink('see https://example.com/a?b=1, and http://other.test')).toBe('https://example.com/a?b=1');
    expect(firstLink('(at https://example.com/x).')).toBe('https://example.com/x');
    expect(firstLink('https://en.wikipedia.org/wiki/Go_(game)')).toBe('https://en.wikipedia.org/wiki/Go_(game)');
  });

  it('skips code, other schemes and text without links', () => {
    expect(firstLink('`https://in.code/` then https://real.test/')).toBe('https://real.test/');
    expect(firstLink('ftp://example.com and mailto:a@b.c')).toBeNull();
    expect(firstLink('no link here')).toBeNull();
  });
});
