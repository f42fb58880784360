import { invalid } from '@groupchat/shared';

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });
const PICTOGRAPHIC = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20E3/u;
const NAMED = /^:[a-z0-9_+-]{1,14}:$/;

export const EMOJI_PARAM = { type: 'string', minLength: 1, maxLength: 16, description: 'one emoji (a single grapheme cluster) or a short :name:' };

/** A reaction is one emoji grapheme (flags, skin tones and ZWJ sequences included) or a custom `:name:`. */
export function parseEmoji(raw: unknown): string {
  const value = (typeof raw === 'string' ? raw : '').normalize('NFC');
  const length = [...value].length;
  const single = [...graphemes.segment(value)].length === 1 && PICTOGRAPHIC.test(value);
  if (length < 1 || length > 16 || !(single || NAMED.test(value))) {
    throw invalid([{ field: 'emoji', message: 'must be one emoji or a :name: of 1–14 lowercase letters, digits, _, + or -' }]);
  }
  return value;
}
