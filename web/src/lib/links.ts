const LINK = /https?:\/\/[^\s<>"`]+/;
const CODE = /```[\s\S]*?(?:```|$)|`[^`\n]*`/g;
const TRAILING = new Set(['.', ',', ';', ':', '!', '?', "'", '*', '_', ']']);

/**
 * The link the composer previews while a message is typed: the first http(s) link outside
 * code, less the sentence's trailing punctuation. The server decides the sent message's
 * preview itself (services/command-api/src/messages/text-facts.ts, the MessageSent event's
 * `linkPreview`); this copy shows it ahead of time, and link-preview-first-link.unit.spec.ts
 * holds the two to the same answers.
 */
export function firstLink(text: string): string | null {
  if (!text.includes('http')) return null;
  const m = LINK.exec(text.replace(CODE, ' '));
  if (!m) return null;
  const link = trimEnd(m[0]);
  try {
    return link.length <= 2048 ? new URL(link).href : null;
  } catch {
    return null;
  }
}

/** Trailing punctuation, and ")" closing nothing opened in the link; one pass, so long runs stay linear. */
function trimEnd(link: string): string {
  let open = 0;
  let close = 0;
  for (const c of link) {
    if (c === '(') open++;
    else if (c === ')') close++;
  }
  let end = link.length;
  for (; end > 0; end--) {
    const last = link[end - 1]!;
    if (last === ')' && open < close) close--;
    else if (!TRAILING.has(last)) break;
  }
  return link.slice(0, end);
}
