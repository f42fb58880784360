import type { EsClient } from '@groupchat/shared';
import { pageOf, searchAlias } from '../search-index';

/** A user as the users search projection indexes it (never the email). */
interface UserDoc {
  user_id: string;
  username: string;
  display_name?: string;
  interests?: string[];
  avatar_media_id?: string | null;
}

export interface UserSearchParams {
  q?: string;
  after?: unknown[];
  limit: number;
}

/** Partial names match through the edge n-gram `.prefix` fields: "ad" finds ada and Adalbert; an exact username ranks first. */
export function userSearchQuery(p: UserSearchParams) {
  return {
    size: p.limit + 1,
    query: p.q
      ? {
          bool: {
            should: [
              { term: { username: { value: p.q.toLowerCase(), boost: 5 } } },
              // Edge n-grams split at `_` and `.`; a prefix of the whole username still matches `ada_lo` to `ada_lovelace`.
              { prefix: { username: { value: p.q.toLowerCase(), boost: 3 } } },
              {
                multi_match: {
                  query: p.q,
                  type: 'most_fields',
                  fields: ['username.prefix^3', 'username.text^2', 'display_name^2', 'display_name.prefix', 'display_name.cjk'],
                },
              },
            ],
            minimum_should_match: 1,
          },
        }
      : { match_all: {} },
    sort: [{ _score: 'desc' }, { user_id: 'asc' }],
    ...(p.after ? { search_after: p.after } : {}),
  };
}

export async function searchUsers(es: EsClient, index: string, p: UserSearchParams) {
  const result = await searchAlias<UserDoc>(es, index, userSearchQuery(p));
  const { hits, nextCursor } = pageOf(result, p.limit, 'users');
  return {
    items: hits.map((h) => ({
      id: h.source.user_id,
      username: h.source.username,
      displayName: h.source.display_name ?? h.source.username,
      interests: h.source.interests ?? [],
      avatarMediaId: h.source.avatar_media_id ?? null,
    })),
    total: result.total,
    nextCursor,
  };
}
