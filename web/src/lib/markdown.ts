/**
 * A small markdown subset — **bold**, *italic* / _italic_, `code`, [label](url) and bare
 * http(s) links — parsed into a tree that is rendered as Vue text and element nodes. No HTML
 * string is ever built, so any markup in a message shows as the characters typed.
 */
export type MdNode =
  { t: 'text'; v: string } | { t: 'code'; v: string } | { t: 'strong'; c: MdNode[] } | { t: 'em'; c: MdNode[] } | { t: 'link'; href: string; c: MdNode[] };

const TOKEN =
  /`([^`\n]+)`|\*\*(?=\S)([^\n]+?)(?<=\S)\*\*|\[([^\]\n]+)\]\(([^()\s]+)\)|(https?:\/\/[^\s<>"]+)|(?<![\p{L}\p{N}*])\*(?=[^\s*])([^*\n]+?)(?<=\S)\*(?![\p{L}\p{N}*])|(?<![\p{L}\p{N}_])_(?=[^\s_])([^_\n]+?)(?<=\S)_(?![\p{L}\p{N}_])/gu;

const MAX_DEPTH = 4;

/** Only absolute http(s) URLs become links; everything else (javascript:, data:, relative) stays text. */
export function safeHref(raw: string): string | null {
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * Trailing punctuation after a bare URL belongs to the sentence, as does an unmatched ")".
 * The parentheses are counted once and kept current while trimming: recounting them for every
 * trimmed character made a URL ending in thousands of ")" quadratic (0.9 s for one message).
 */
function splitBareUrl(candidate: string): [string, string] {
  let open = 0;
  let close = 0;
  for (const c of candidate) {
    if (c === '(') open++;
    else if (c === ')') close++;
  }
  let end = candidate.length;
  while (end > 0) {
    const last = candidate[end - 1]!;
    const unmatchedParen = last === ')' && open < close;
    if (!TRAILING_PUNCTUATION.has(last) && !unmatchedParen) break;
    if (last === ')') close--;
    end--;
  }
  return [candidate.slice(0, end), candidate.slice(end)];
}

const TRAILING_PUNCTUATION = new Set(['.', ',', ';', ':', '!', '?', "'", '*', '_']);

export function parseMarkdown(input: string, depth = 0, allowLinks = true): MdNode[] {
  const out: MdNode[] = [];
  const pushText = (v: string) => {
    if (!v) return;
    const last = out[out.length - 1];
    if (last?.t === 'text') last.v += v;
    else out.push({ t: 'text', v });
  };
  if (depth >= MAX_DEPTH) {
    pushText(input);
    return out;
  }
  let at = 0;
  for (const m of input.matchAll(TOKEN)) {
    const start = m.index!;
    if (start < at) continue;
    const [whole, code, strong, label, target, bare, star, under] = m;
    if ((label !== undefined || bare !== undefined) && !allowLinks) continue;
    pushText(input.slice(at, start));
    at = start + whole.length;
    if (code !== undefined) out.push({ t: 'code', v: code });
    else if (strong !== undefined) out.push({ t: 'strong', c: parseMarkdown(strong, depth + 1, allowLinks) });
    else if (star !== undefined || under !== undefined) out.push({ t: 'em', c: parseMarkdown((star ?? under)!, depth + 1, allowLinks) });
    else if (label !== undefined) {
      const href = safeHref(target!);
      if (href) out.push({ t: 'link', href, c: parseMarkdown(label, depth + 1, false) });
      else pushText(whole);
    } else if (bare !== undefined) {
      const [url, rest] = splitBareUrl(bare);
      const href = safeHref(url);
      if (href) out.push({ t: 'link', href, c: [{ t: 'text', v: url }] });
      else pushText(url);
      pushText(rest);
    }
  }
  pushText(input.slice(at));
  return out;
}

/** The plain text of a message, for previews and accessible names. */
export function plainText(nodes: MdNode[]): string {
  return nodes.map((n) => (n.t === 'text' || n.t === 'code' ? n.v : plainText(n.c))).join('');
}
