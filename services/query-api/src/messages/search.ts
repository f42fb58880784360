import type { EsClient } from '@groupchat/shared';
import { isoDate, pageOf, pickHighlights, searchAlias } from '../search-index';

export type MessageSort = 'relevance' | 'recent';

export interface MessageSearchParams {
  q: string;
  groupId?: string;
  sort: MessageSort;
  after?: unknown[];
  limit: number;
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
export function messageSearchQuery(p: MessageSearchParams, memberGroupIds: string[]) {
  return {
    size: p.limit + 1,
    query: {
      bool: {
        must: [{ multi_match: { query: p.q, type: 'most_fields', fields: ['text', 'text.cjk'] } }],
        filter: [{ terms: { group_id: memberGroupIds } }, ...(p.groupId ? [{ term: { group_id: p.groupId } }] : [])],
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

export async function searchMessages(es: EsClient, index: string, p: MessageSearchParams, memberGroupIds: string[]) {
  const result = await searchAlias<MessageDoc>(es, index, messageSearchQuery(p, memberGroupIds));
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
      highlight: pickHighlights(h.highlight, ['text'], p.q).text ?? [],
      score: h.score,
    })),
    total: result.total,
    nextCursor,
  };
}
