// Every pattern that sees user input runs in linear time or only on input already bounded in
// length. Each hostile string below took from 0.3 s to minutes with the patterns it targets.
import { describe, expect, it } from 'vitest';
import { email, LoginRequest, RegisterRequest, username } from '../src/accounts/schemas';
import { tag, text } from '../src/http/validation';
import { cleanFileName } from '../src/media/ingest';

const timed = <T>(f: () => T): { value: T; ms: number } => {
  const start = performance.now();
  const value = f();
  return { value, ms: performance.now() - start };
};
const BOUND_MS = 100;

describe('patterns over user input', () => {
  it('a 240 KB email of ".a" runs ending in a space is refused at once, with one issue', () => {
    const { value, ms } = timed(() => email.safeParse(`a@${'.a'.repeat(120_000)} x`));
    expect(ms).toBeLessThan(BOUND_MS);
    expect(value.error?.issues.map((i) => i.message)).toEqual(['must be at most 254 characters']);
  });

  it('the email pattern is linear even within the length limit', () => {
    const hostile = `a@${'.a'.repeat(5000)} x`;
    const start = performance.now();
    const matched = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/.test(hostile);
    expect(performance.now() - start).toBeLessThan(BOUND_MS);
    expect(matched).toBe(false);
  });

  it('the email check still accepts addresses and refuses non-addresses', () => {
    for (const ok of ['ada@example.com', 'a.b+c@mail.example.co.uk', 'x_y@sub-domain.example']) expect(email.safeParse(ok).success, ok).toBe(true);
    for (const bad of ['nope', 'a@b', 'a@b.', 'a@.b', 'a@b..c', 'a b@c.d', 'a@b@c.d', '@b.c']) expect(email.safeParse(bad).success, bad).toBe(false);
  });

  it('long usernames, logins, tags and texts are refused before any pattern or normalisation runs', () => {
    const cases: [string, () => { success: boolean }][] = [
      ['username', () => username.safeParse(`${'a.'.repeat(500_000)}!`)],
      ['login', () => LoginRequest.safeParse({ login: `${'a@a.'.repeat(250_000)} x`, password: 'x' })],
      ['tag', () => tag.safeParse(' \t a'.repeat(250_000))],
      ['text', () => text({ max: 4000, multiline: true }).safeParse('a\u0301'.repeat(500_000))],
      [
        'register',
        () =>
          RegisterRequest.safeParse({
            username: 'ada',
            email: `a@${'.a'.repeat(500_000)} x`,
            password: 'x'.repeat(1_000_000),
            interests: [' a'.repeat(500_000)],
          }),
      ],
    ];
    for (const [name, run] of cases) {
      const { value, ms } = timed(run);
      expect(value.success, name).toBe(false);
      expect(ms, name).toBeLessThan(BOUND_MS);
    }
  });

  it('text still allows room for trimming and NFC before its real limit', () => {
    expect(text({ max: 5 }).safeParse(`   abcde${' '.repeat(20)}`).data).toBe('abcde');
    expect(text({ max: 3 }).safeParse('e\u0301e\u0301e\u0301').data).toBe('\u00e9\u00e9\u00e9');
    expect(text({ max: 3 }).safeParse('abcd').error?.issues).toHaveLength(1);
  });

  it('file names of 16 KB of ". . . ." and spaces are cleaned in linear time', () => {
    for (const name of [`a${'. '.repeat(8000)}b.txt`, `a${'.'.repeat(64_000)}b`, `${' .'.repeat(32_000)}x${'. '.repeat(32_000)}y`]) {
      const { value, ms } = timed(() => cleanFileName(name));
      expect(ms, name.slice(0, 20)).toBeLessThan(BOUND_MS);
      expect(value!.length).toBeLessThanOrEqual(200);
    }
    expect(cleanFileName(' . report. .pdf . ')).toBe('report. .pdf');
    expect(cleanFileName('dir/sub\\..name.txt')).toBe('name.txt');
  });
});
