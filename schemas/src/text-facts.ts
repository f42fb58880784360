import type { MentionBroadcast } from './generated/events';

/**
 * What the command side reads from a message's text, once, so the event carries it and no
 * reader parses text again: @here / @everyone and the link whose preview is shown. Code
 * (fenced blocks and inline spans) is not read: `@everyone` inside backticks is an example,
 * not a call. Every pattern here is linear (no nested quantifiers over the same characters).
 * Dependency-free, so the web composer previews the very link the server will.
 */

const CODE = /```[\s\S]*?(?:```|$)|`[^`\n]*`/g;
const BROADCAST = /(?<![\p{L}\p{N}_@.])@(here|everyone)(?![\p{L}\p{N}_])/gu;
const LINK = /https?:\/\/[^\s<>"`]+/;
const TRAILING = new Set(['.', ',', ';', ':', '!', '?', "'", '*', '_', ']']);

/** Links longer than this are never previewed. */
export const MAX_PREVIEW_URL = 2048;

const prose = (text: string) => text.replace(CODE, ' ');

/** `everyone` if the text calls @everyone, else `here` if it calls @here, else null. */
export function broadcastOf(text: string | null): MentionBroadcast | null {
  if (!text || !text.includes('@')) return null;
  let found: MentionBroadcast | null = null;
  for (const m of prose(text).matchAll(BROADCAST)) {
    if (m[1] === 'everyone') return 'everyone';
    found = 'here';
  }
  return found;
}

/** The first http(s) link of the prose, without the sentence's trailing punctuation. */
export function firstLink(text: string | null): string | null {
  if (!text || !text.includes('http')) return null;
  const m = LINK.exec(prose(text));
  if (!m) return null;
  const candidate = trimEnd(m[0]);
  if (candidate.length > MAX_PREVIEW_URL) return null;
  try {
    const url = new URL(candidate);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * The sentence's punctuation after a link, and a ")" that closes nothing opened inside it. A
 * loop with the parentheses counted once: `[…]+$` is quadratic on a long run of punctuation.
 */
function trimEnd(link: string): string {
  let open = 0;
  let close = 0;
  for (const c of link) {
    if (c === '(') open++;
    else if (c === ')') close++;
  }
  let end = link.length;
  while (end > 0) {
    const last = link[end - 1]!;
    if (last === ')' && open < close) close--;
    else if (!TRAILING.has(last)) break;
    end--;
  }
  return link.slice(0, end);
}
