import type { EsClient } from '@groupchat/shared';
import type { Role } from '../access';
import { isoDate, pageOf, pickHighlights, searchAlias } from '../search-index';
import type { GroupSummary } from './group-row';
import { visibleGroupsSearchFilter } from '@groupchat/schemas/access';

export type GroupSort = 'relevance' | 'activity' | 'size';

export interface DiscoveryParams {
  q?: string;
  interests: string[];
  sort: GroupSort;
  after?: unknown[];
  limit: number;
}

/** A group as the groups projection indexes it. */
interface GroupDoc {
  group_id: string;
  name: string;
  description?: string;
  interests?: string[];
  visibility: 'public' | 'private';
  member_count?: number;
  last_activity_at?: string | number | null;
}

const SORTS: Record<GroupSort, unknown[]> = {
  relevance: [{ _score: 'desc' }, { member_count: { order: 'desc', unmapped_type: 'integer' } }, { group_id: 'asc' }],
  activity: [{ last_activity_at: { order: 'desc', missing: '_last', unmapped_type: 'date' } }, { group_id: 'asc' }],
  size: [{ member_count: { order: 'desc', unmapped_type: 'integer' } }, { group_id: 'asc' }],
};

/** Who may see which group, for searches: the access rule's own filter, part of the query itself. */
export const visibleGroupsFilter = visibleGroupsSearchFilter;

export function discoveryQuery(p: DiscoveryParams, memberGroupIds: string[]) {
  const text = p.q
    ? {
        multi_match: {
          query: p.q,
          type: 'most_fields',
          // `.prefix` holds edge n-grams, so a partial last word still matches; `.cjk` covers Chinese, Japanese and Korean.
          fields: [
            'name^3',
            'name.prefix^1.5',
            'name.cjk^2',
            'description',
            'description.prefix^0.5',
            'description.cjk',
            'interests.text^2',
            'interests.prefix',
          ],
        },
      }
    : { match_all: {} };
  return {
    size: p.limit + 1,
    query: { bool: { must: [text], filter: [visibleGroupsFilter(memberGroupIds)] } },
    // The interest filter is a post_filter so the facets still count every interest of the matching groups.
    ...(p.interests.length ? { post_filter: { bool: { filter: p.interests.map((i) => ({ term: { interests: i.toLowerCase() } })) } } } : {}),
    aggs: { interests: { terms: { field: 'interests', size: 30 } } },
    sort: SORTS[p.sort],
    ...(p.after ? { search_after: p.after } : {}),
    highlight: {
      encoder: 'html',
      pre_tags: ['<mark>'],
      post_tags: ['</mark>'],
      fields: Object.fromEntries(
        ['', '.prefix', '.cjk'].flatMap((v) => [
          [`name${v}`, { number_of_fragments: 0 }],
          [`description${v}`, { fragment_size: 160, number_of_fragments: 2 }],
        ]),
      ),
    },
  };
}

export async function discoverGroups(es: EsClient, index: string, p: DiscoveryParams, memberships: Map<string, Role>) {
  const result = await searchAlias<GroupDoc>(es, index, discoveryQuery(p, [...memberships.keys()]));
  const { hits, nextCursor } = pageOf(result, p.limit, `groups:${p.sort}`);
  const buckets = (result.aggregations.interests as { buckets?: { key: string; doc_count: number }[] } | undefined)?.buckets ?? [];
  return {
    items: hits.map((h) => {
      const highlight = pickHighlights(h.highlight, ['name', 'description'], p.q);
      return { ...toSummary(h.source, memberships), ...(Object.keys(highlight).length ? { highlight } : {}) };
    }),
    total: result.total,
    nextCursor,
    facets: { interests: buckets.map((b) => ({ value: String(b.key), count: b.doc_count })) },
  };
}

function toSummary(d: GroupDoc, memberships: Map<string, Role>): GroupSummary {
  return {
    id: d.group_id,
    name: d.name,
    description: d.description ?? '',
    interests: d.interests ?? [],
    visibility: d.visibility,
    memberCount: d.member_count ?? 0,
    lastActivityAt: isoDate(d.last_activity_at),
    myRole: memberships.get(d.group_id) ?? null,
  };
}
