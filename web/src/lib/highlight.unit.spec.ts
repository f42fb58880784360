import { describe, expect, it } from 'vitest';
import { highlightPieces } from './highlight';

describe('highlightPieces', () => {
  it('marks the hits and keeps the text around them', () => {
    expect(highlightPieces('see you at the <mark>wall</mark> on <mark>Thursday</mark>!')).toEqual([
      { text: 'see you at the ', mark: false },
      { text: 'wall', mark: true },
      { text: ' on ', mark: false },
      { text: 'Thursday', mark: true },
      { text: '!', mark: false },
    ]);
  });

  it('decodes the entities Elasticsearch escapes, in and out of hits', () => {
    expect(highlightPieces('Tom &amp; Jerry &quot;say&quot; &#x27;hi&#x27; &#39;x&#39; a&#x2F;b <mark>&lt;3</mark>')).toEqual([
      { text: `Tom & Jerry "say" 'hi' 'x' a/b `, mark: false },
      { text: '<3', mark: true },
    ]);
  });

  it('leaves escaped markup typed by a user as literal text, never as a tag', () => {
    const pieces = highlightPieces('&lt;script&gt;alert(1)&lt;&#x2F;script&gt; &lt;img src=x onerror=alert(1)&gt; <mark>boom</mark>');
    expect(pieces).toEqual([
      { text: '<script>alert(1)</script> <img src=x onerror=alert(1)> ', mark: false },
      { text: 'boom', mark: true },
    ]);
  });

  it('does not turn an escaped <mark> typed by a user into a hit', () => {
    expect(highlightPieces('&lt;mark&gt;fake&lt;/mark&gt; <mark>real</mark>')).toEqual([
      { text: '<mark>fake</mark> ', mark: false },
      { text: 'real', mark: true },
    ]);
  });

  it('decodes once: a double-escaped entity shows its escaped form', () => {
    expect(highlightPieces('&amp;lt;b&amp;gt;')).toEqual([{ text: '&lt;b&gt;', mark: false }]);
  });

  it('keeps unknown or out-of-range references, stray tags and empty input harmless', () => {
    expect(highlightPieces('&bogus; &#x110000; &#0; &')).toEqual([{ text: '&bogus; &#x110000; &#0; &', mark: false }]);
    expect(highlightPieces('a</mark>b<mark>c')).toEqual([
      { text: 'ab', mark: false },
      { text: 'c', mark: true },
    ]);
    expect(highlightPieces('<mark></mark>')).toEqual([]);
    expect(highlightPieces('')).toEqual([]);
  });

  it('joins adjacent hits into one mark', () => {
    expect(highlightPieces('<mark>foo</mark><mark>bar</mark> baz')).toEqual([
      { text: 'foobar', mark: true },
      { text: ' baz', mark: false },
    ]);
  });
});
