import type { EsClient } from '@groupchat/shared';
import { isoDate, pageOf, pickHighlights, searchAlias } from '../search-index';
import type { Has } from './search-filters';

export type MessageSort = 'relevance' | 'recent';

export interface MessageSearchParams {
  q: string;
  groupId?: string;
  sort: MessageSort;
  after?: unknown[];
  limit: number;
  /** From the filters typed into the query (search-filters.ts), resolved to ids. */
  senderIds?: string[];
  groupIds?: string[];
  has?: Has[];
  sentBefore?: number;
  sentAfter?: number;
}

/** A message as the messages search projection indexes it. */
interface MessageDoc {
  message_id: string;
  group_id: string;
  sender_id: string;
  text?: string;
  sent_at: string | number;
  edited_at?: string | number | null;
  position?: string;
  thread_id?: string;
}

const SORTS: Record<MessageSort, unknown[]> = {
  relevance: [{ _score: 'desc' }, { sent_at: { order: 'desc', unmapped_type: 'date' } }, { message_id: 'asc' }],
  recent: [{ sent_at: { order: 'desc', unmapped_type: 'date' } }, { message_id: 'asc' }],
};

/**
 * Only the caller's groups are searched, and that rule is a terms filter inside the query:
 * nothing outside it is scored, counted or highlighted. A groupId narrows further; it can
 * never widen, so naming a group the caller is not in finds nothing.
 */
export function messageSearchQuery(p: MessageSearchParams, memberGroupIds: string[], cutoffs: ReadonlyMap<string, number> = new Map()) {
  return {
    size: p.limit + 1,
    query: {
      bool: {
        must: p.q ? [{ multi_match: { query: p.q, type: 'most_fields', fields: ['text', 'text.cjk'] } }] : [],
        filter: [{ terms: { group_id: memberGroupIds } }, ...(p.groupId ? [{ term: { group_id: p.groupId } }] : []), ...filtersOf(p)],
        // Retention (docs/privacy.md): a group's messages sent before its cutoff are not found, swept or not.
        must_not: [...cutoffs].map(([g, cutoff]) => ({
          bool: { filter: [{ term: { group_id: g } }, { range: { sent_at: { lt: cutoff, format: 'epoch_millis' } } }] },
        })),
      },
    },
    sort: SORTS[p.sort],
    ...(p.after ? { search_after: p.after } : {}),
    highlight: {
      encoder: 'html',
      pre_tags: ['<mark>'],
      post_tags: ['</mark>'],
      fragment_size: 150,
      number_of_fragments: 3,
      fields: { text: {}, 'text.cjk': {} },
    },
  };
}

/** A filter naming nobody (an unknown from:, an in: matching none of the caller's groups) finds nothing. */
function filtersOf(p: MessageSearchParams): object[] {
  const has = p.has ?? [];
  const kinds = has.filter((h) => h === 'image' || h === 'video' || h === 'audio');
  const range = { ...(p.sentBefore === undefined ? {} : { lt: p.sentBefore }), ...(p.sentAfter === undefined ? {} : { gte: p.sentAfter }) };
  return [
    ...(p.senderIds ? [{ terms: { sender_id: p.senderIds } }] : []),
    ...(p.groupIds ? [{ terms: { group_id: p.groupIds } }] : []),
    ...kinds.map((k) => ({ term: { attachment_kinds: k } })),
    ...(has.includes('file') ? [{ range: { attachment_count: { gt: 0 } } }] : []),
    ...(has.includes('link') ? [{ term: { has_link: true } }] : []),
    ...(Object.keys(range).length ? [{ range: { sent_at: { ...range, format: 'epoch_millis' } } }] : []),
  ];
}

export async function searchMessages(es: EsClient, index: string, p: MessageSearchParams, memberGroupIds: string[], cutoffs?: ReadonlyMap<string, number>) {
  const result = await searchAlias<MessageDoc>(es, index, messageSearchQuery(p, memberGroupIds, cutoffs));
  const { hits, nextCursor } = pageOf(result, p.limit, `messages:${p.sort}`);
  return {
    items: hits.map((h) => ({
      id: h.source.message_id,
      groupId: h.source.group_id,
      senderId: h.source.sender_id,
      text: h.source.text ?? null,
      sentAt: isoDate(h.source.sent_at),
      editedAt: isoDate(h.source.edited_at),
      position: h.source.position ?? null,
      threadId: h.source.thread_id ?? null,
      highlight: pickHighlights(h.highlight, ['text'], p.q).text ?? [],
      score: h.score,
    })),
    total: result.total,
    nextCursor,
  };
}
