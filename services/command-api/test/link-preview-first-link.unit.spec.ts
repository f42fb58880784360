import { describe, expect, it } from 'vitest';
import { firstLink as composerLink } from '../../../web/src/lib/links';
import { firstLink } from '../src/messages/text-facts';

// The composer previews the link the server will preview: its copy of the rule must agree.
const TEXTS = [
  'see https://example.com/a.',
  '(https://en.wikipedia.org/wiki/Foo_(bar))',
  'https://en.wikipedia.org/wiki/Go_(game)',
  'first http://a.test/x then https://b.test',
  '`https://code.test` then https://real.test/',
  '```\nhttps://fenced.test/\n``` https://after.test/?q=1#frag',
  'quote "https://q.test/path" and <https://angle.test/>',
  "ends with punctuation: https://p.test/a_b_!?;:,']*",
  'http://[::1]:8080/x and HTTPS://UPPER.TEST/',
  'ftp://files.test and javascript:alert(1)',
  'http://',
  `https://long.test/${'a'.repeat(2100)}`,
  'no links',
  '',
];

describe('the composer and the server pick the same link', () => {
  it.each(TEXTS)('%j', (text) => {
    expect(composerLink(text)).toBe(firstLink(text));
  });
});
