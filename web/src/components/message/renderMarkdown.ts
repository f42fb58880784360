import type { Nodes, Root } from 'mdast';
import { h, type VNode, type VNodeChild } from 'vue';
import MessageSpoiler from './MessageSpoiler.vue';

export interface MentionLook {
  /** The user id a highlighted `@name` stands for, or null to show the name as text. */
  idOf(name: string): string | null;
  me: string | null;
  /** `here` or `everyone` when the message called one of them. */
  broadcast: 'here' | 'everyone' | null;
}

/** The language of a fence, kept as a class and a label when it is a plain name. */
const LANGUAGE = /^[\w+#.-]{1,32}$/;

/** Renders a message's tree as Vue nodes; `tail` goes at the end of the last paragraph (e.g. "(edited)"). */
export function renderMarkdown(root: Root, look: MentionLook, tail?: VNodeChild): VNodeChild[] {
  const blocks = root.children.map((n) => node(n, look));
  if (tail === undefined || tail === null) return blocks;
  const last = blocks[blocks.length - 1] as VNode | undefined;
  if (last && typeof last === 'object' && last.type === 'p' && Array.isArray(last.children)) {
    blocks[blocks.length - 1] = h('p', last.props, [...(last.children as VNodeChild[]), tail]);
    return blocks;
  }
  return [...blocks, tail];
}

function children(n: Nodes, look: MentionLook): VNodeChild[] {
  return 'children' in n ? n.children.map((c) => node(c, look)) : [];
}

function node(n: Nodes, look: MentionLook): VNodeChild {
  switch (n.type) {
    case 'text':
      return n.value;
    case 'paragraph':
      return h('p', children(n, look));
    case 'heading':
      return h('p', { class: 'md-heading' }, [h('strong', children(n, look))]);
    case 'strong':
      return h('strong', children(n, look));
    case 'emphasis':
      return h('em', children(n, look));
    case 'delete':
      return h('s', children(n, look));
    case 'inlineCode':
      return h('code', n.value);
    case 'code':
      return codeBlock(n.value, n.lang);
    case 'blockquote':
      return h('blockquote', children(n, look));
    case 'list':
      return h(n.ordered ? 'ol' : 'ul', n.ordered && n.start !== null && n.start !== 1 ? { start: n.start } : {}, children(n, look));
    case 'listItem':
      // A tight list's items hold their paragraph's content directly, like a chat client shows them.
      return h('li', n.spread ? children(n, look) : n.children.flatMap((c) => (c.type === 'paragraph' ? children(c, look) : [node(c, look)])));
    case 'break':
      return h('br');
    case 'thematicBreak':
      return h('hr');
    case 'link':
      return h('a', { href: n.url, target: '_blank', rel: 'noopener noreferrer nofollow ugc' }, children(n, look));
    case 'spoiler':
      return h(MessageSpoiler, null, () => children(n, look));
    case 'mention':
      return mention(n.name, n.value, look);
    default:
      return 'value' in n ? n.value : children(n, look);
  }
}

function codeBlock(value: string, lang: string | null | undefined): VNode {
  const language = lang && LANGUAGE.test(lang) ? lang : null;
  return h('div', { class: 'md-code' }, [
    language ? h('span', { class: 'md-code__lang', 'data-testid': 'code-language' }, language) : null,
    h('pre', { tabindex: 0, 'aria-label': language ? `${language} code` : 'Code' }, [
      h('code', { class: language ? `language-${language}` : undefined }, value),
    ]),
  ]);
}

function mention(name: string, value: string, look: MentionLook): VNodeChild {
  const broadcast = name === 'here' || name === 'everyone';
  const id = broadcast ? null : look.idOf(name);
  if (broadcast ? look.broadcast === null : id === null) return value;
  const me = broadcast || (id !== null && id === look.me);
  return h('span', { class: ['mention', me && 'mention--me'], 'data-testid': 'mention', 'data-user-id': id ?? undefined }, value);
}
