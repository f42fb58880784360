const LINK = /https?:\/\/[^\s<>"`]+/;
const CODE = /```[\s\S]*?(?:```|$)|`[^`\n]*`/g;
const TRAILING = /[.,;:!?'*_\]]/;

/**
 * The link the composer previews while a message is typed: the first http(s) link outside
 * code, less the sentence's trailing punctuation. The server decides the sent message's
 * preview itself (the MessageSent event's `linkPreview`); this only shows it ahead of time.
 */
export function firstLink(text: string): string | null {
  if (!text.includes('http')) return null;
  const m = LINK.exec(text.replace(CODE, ' '));
  if (!m) return null;
  let link = m[0];
  while (link && (TRAILING.test(link.at(-1)!) || (link.endsWith(')') && !link.includes('(')))) link = link.slice(0, -1);
  try {
    return link.length <= 2048 ? new URL(link).href : null;
  } catch {
    return null;
  }
}
