/**
 * Messages are Markdown (CommonMark with GFM strikethrough and autolinks, plus `||spoilers||`
 * and `@mentions`), parsed into an mdast tree that components/message/MessageText.vue renders
 * as Vue nodes. No HTML string is ever built: raw HTML is not a construct here, so any markup
 * in a message shows as the characters typed.
 */
import type { Nodes, Parent, PhrasingContent, Root, RootContent, Text } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { limitNesting } from './markdown-nesting';

declare module 'mdast' {
  interface Spoiler extends Parent {
    type: 'spoiler';
    children: PhrasingContent[];
  }
  /** `@username`, or the broadcasts `@here` and `@everyone`; `name` is lower case. */
  interface Mention extends Node {
    type: 'mention';
    name: string;
    value: string;
  }
  interface PhrasingContentMap {
    spoiler: Spoiler;
    mention: Mention;
  }
  interface RootContentMap {
    spoiler: Spoiler;
    mention: Mention;
  }
}

/** The longest message the server takes; a longer text is shown as it is, unparsed. */
export const MAX_PARSED_LENGTH = 4000;

// Raw HTML stays text; indented code is off because chat text is indented casually;
// definitions would make a line like `[a]: b` vanish.
const OFF = ['htmlFlow', 'htmlText', 'codeIndented', 'definition'];

const OPTIONS = {
  extensions: [gfmStrikethrough({ singleTilde: false }), gfmAutolinkLiteral(), { disable: { null: OFF } }],
  mdastExtensions: [gfmStrikethroughFromMarkdown(), gfmAutolinkLiteralFromMarkdown()],
};

/**
 * Emphasis costs the parser about 0.1 ms per delimiter run (`**a` × 1,333: 400 ms with the
 * box loaded); a text with more delimiter characters than this shows them as typed instead.
 */
export const MAX_EMPHASIS_MARKS = 400;
const EMPHASIS_MARKS = /[*_~]/g;
const PLAIN_EMPHASIS = {
  extensions: [gfmAutolinkLiteral(), { disable: { null: [...OFF, 'attention'] } }],
  mdastExtensions: [gfmAutolinkLiteralFromMarkdown()],
};

/** Only absolute http(s) URLs become links; everything else (javascript:, data:, mailto:, relative) stays text. */
export function safeHref(raw: string): string | null {
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

const cache = new Map<string, Root>();
const CACHE_SIZE = 500;

/**
 * The tree of a message. Parsed trees are kept for the last few hundred texts: the virtual
 * list mounts a row again each time it scrolls back into view.
 */
export function parseMarkdown(source: string): Root {
  const hit = cache.get(source);
  if (hit) return hit;
  const tree = source.length > MAX_PARSED_LENGTH ? plainTree(source) : parseLimited(limitNesting(source));
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(source, tree);
  return tree;
}

/** The lower-case names of the `@mentions` outside code, in order, without repeats. */
export function mentionedNames(source: string): string[] {
  const names = new Set<string>();
  const walk = (n: Nodes) => {
    if (n.type === 'mention') names.add(n.name);
    else if ('children' in n) n.children.forEach(walk);
  };
  walk(parseMarkdown(source));
  return [...names];
}

/** The text a tree shows, for previews and accessible names. */
export function plainText(n: Nodes): string {
  if ('children' in n) return n.children.map(plainText).join(n.type === 'root' || n.type === 'list' ? '\n' : '');
  return 'value' in n ? n.value : '';
}

/** Positions are offsets into the text parsed, so refine reads the same text. */
function parseLimited(source: string): Root {
  const marks = source.match(EMPHASIS_MARKS)?.length ?? 0;
  return refine(fromMarkdown(source, marks > MAX_EMPHASIS_MARKS ? PLAIN_EMPHASIS : OPTIONS), source);
}

function plainTree(source: string): Root {
  return { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', value: source }] }] };
}

/**
 * Links to anything but http(s), images and unresolved references show as the source typed;
 * spoilers and mentions are found in the text of every block but links and code.
 */
function refine(root: Root, source: string): Root {
  const original = (n: Nodes): Text => ({ type: 'text', value: source.slice(n.position?.start.offset ?? 0, n.position?.end.offset ?? 0) });
  const visit = (parent: Parent) => {
    parent.children = parent.children.map((c) => {
      if (c.type === 'image' || c.type === 'imageReference' || c.type === 'linkReference') return original(c);
      if (c.type === 'link') {
        const href = safeHref(c.url);
        if (!href) return original(c);
        const link = { ...c, url: href };
        visit(link);
        return link;
      }
      if ('children' in c) visit(c);
      return c;
    }) as RootContent[];
    if (parent.type !== 'link' && parent.children.some((c) => c.type === 'text')) {
      parent.children = mentions(spoilers(mergeText(parent.children as PhrasingContent[])));
    }
  };
  visit(root);
  return root;
}

const MARK = Symbol('spoiler mark');

/** `||…||` pairs within one block's inline content, in order; an unpaired `||` stays text. */
function spoilers(children: PhrasingContent[]): PhrasingContent[] {
  const parts: (PhrasingContent | typeof MARK)[] = [];
  for (const c of children) {
    if (c.type !== 'text' || !c.value.includes('||')) parts.push(c);
    else
      c.value.split('||').forEach((v, i) => {
        if (i) parts.push(MARK);
        if (v) parts.push({ type: 'text', value: v });
      });
  }
  let marks = parts.filter((p) => p === MARK).length;
  if (marks < 2) return children;
  const out: PhrasingContent[] = [];
  let open: PhrasingContent[] | null = null;
  for (const p of parts) {
    if (p !== MARK) {
      (open ?? out).push(p);
      continue;
    }
    if (open) {
      out.push(open.length ? { type: 'spoiler', children: open } : { type: 'text', value: '||||' });
      open = null;
    } else if (marks >= 2) open = [];
    else out.push({ type: 'text', value: '||' });
    marks--;
  }
  return mergeText(out);
}

// The command-api reads @here / @everyone with the same boundaries (schemas/src/text-facts.ts).
const MENTION = /(?<![\p{L}\p{N}_@.])@([A-Za-z0-9_.]{1,64})/gu;

function mentions(children: PhrasingContent[]): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  for (const c of children) {
    if (c.type !== 'text' || !c.value.includes('@')) {
      if (c.type === 'spoiler') c.children = mentions(c.children);
      out.push(c);
      continue;
    }
    let at = 0;
    for (const m of c.value.matchAll(MENTION)) {
      const name = m[1]!.replace(/\.+$/, '');
      if (name.length < 3 || name.length > 32) continue;
      if (m.index > at) out.push({ type: 'text', value: c.value.slice(at, m.index) });
      out.push({ type: 'mention', name: name.toLowerCase(), value: `@${name}` });
      at = m.index + name.length + 1;
    }
    if (at < c.value.length) out.push({ type: 'text', value: c.value.slice(at) });
  }
  return out;
}

function mergeText(list: PhrasingContent[]): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  for (const c of list) {
    const last = out[out.length - 1];
    if (c.type === 'text' && last?.type === 'text') out[out.length - 1] = { type: 'text', value: last.value + c.value };
    else out.push(c);
  }
  return out;
}
