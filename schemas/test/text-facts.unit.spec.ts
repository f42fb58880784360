import { describe, expect, it } from 'vitest';
import { broadcastOf, firstLink } from '../src/text-facts';

// The command API decides with these, and the web composer previews with the same functions.
describe('what a message text calls and links', () => {
  it.each([
    ['hello @everyone', 'everyone'],
    ['@here: lunch?', 'here'],
    ['@here and @everyone', 'everyone'],
    ['mail me at bob@everyone.org', null],
    ['`@everyone` is how you call all', null],
    ['```\n@here\n```', null],
    ['@hereafter', null],
    [null, null],
  ])('broadcastOf(%j) is %j', (text, expected) => {
    expect(broadcastOf(text)).toBe(expected);
  });

  it.each([
    ['see https://example.com/a.', 'https://example.com/a'],
    ['(https://en.wikipedia.org/wiki/Foo_(bar))', 'https://en.wikipedia.org/wiki/Foo_(bar)'],
    ['first http://a.test/x then https://b.test', 'http://a.test/x'],
    ['`https://code.test` then https://real.test/', 'https://real.test/'],
    ['```\nhttps://fenced.test/\n``` https://after.test/?q=1#frag', 'https://after.test/?q=1#frag'],
    ['quote "https://q.test/path" and <https://angle.test/>', 'https://q.test/path'],
    ['http://[::1]:8080/x and HTTPS://UPPER.TEST/', 'http://[::1]:8080/x'],
    ['http://', null],
    [`https://long.test/${'a'.repeat(2100)}`, null],
    ['ftp://files.test and javascript:alert(1)', null],
    ['no links', null],
  ])('firstLink(%j) is %j', (text, expected) => {
    expect(firstLink(text)).toBe(expected);
  });

  it('reads pathological text in linear time', () => {
    const huge = `https://a.test/${'.'.repeat(16_000)}x${')'.repeat(16_000)} ${'@'.repeat(16_000)}${'`'.repeat(8_000)}`;
    const started = performance.now();
    firstLink(huge);
    broadcastOf(huge);
    // A bound far above the linear cost (about 5 ms) and far below a quadratic one (seconds).
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
