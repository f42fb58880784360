import type { OpenApiPart } from '@groupchat/shared';
import { querySchemas } from './schemas';

type Param = { name: string; in: 'query' | 'path' | 'header'; required?: boolean; description?: string; schema: Record<string, unknown> };

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });
const minPosition: Param = {
  name: 'X-Min-Position',
  in: 'header',
  description: 'position tokens a command returned (comma-separated); the answer waits, up to about 5 s, until the read models include them',
  schema: { type: 'string' },
};
const id = (description: string): Param => ({ name: 'id', in: 'path', required: true, description, schema: { type: 'string' } });
const query = (name: string, schema: Record<string, unknown>, description?: string, required = false): Param => ({ name, in: 'query', required, ...(description ? { description } : {}), schema });
const limit = (fallback: number, max: number) => query('limit', { type: 'integer', minimum: 1, maximum: max, default: fallback });
const cursor = query('cursor', { type: 'string' }, 'the `nextCursor` of the previous page');

function get(summary: string, tag: string, params: Param[], schema: keyof typeof querySchemas, { notFound = false } = {}) {
  return {
    get: {
      summary,
      tags: [tag],
      security: [{ bearer: [] }],
      parameters: [...params, minPosition],
      responses: {
        200: { description: 'OK', content: { 'application/json': { schema: { $ref: `#/components/schemas/${schema}` } } } },
        400: problem('malformed cursor or position token'),
        401: problem('no or invalid access token'),
        ...(notFound ? { 404: problem('unknown, deleted, or not visible to the caller') } : {}),
        422: problem('invalid query parameters, one entry per field'),
        503: problem('a read model is behind the given X-Min-Position, or a dependency is down'),
      },
    },
  };
}

const groupSearch = get('Discover groups: text search, interest facets, sorting', 'groups', [
  query('q', { type: 'string', maxLength: 200 }, 'words in the name, description or interests; the last word may be a prefix'),
  query('interest', { type: 'array', items: { type: 'string' } }, 'only groups with every one of these interests (repeat or comma-separate)'),
  query('sort', { type: 'string', enum: ['relevance', 'activity', 'size'], default: 'relevance' }),
  cursor,
  limit(20, 100),
], 'GroupPage');

const userSearch = get('Find users by (partial) username or display name', 'users', [query('q', { type: 'string', maxLength: 100 }), cursor, limit(20, 100)], 'UserSearchPage');

/** Every GET route of query-api, keyed by OpenAPI path. */
export const queryOpenApi: OpenApiPart = {
  schemas: querySchemas,
  paths: {
    '/me': get("The caller's profile, groups with roles, and pending invites", 'users', [], 'Me', { notFound: true }),
    '/users': userSearch,
    '/search/users': userSearch,
    '/users/{id}': get('A public profile', 'users', [id('user id')], 'UserProfile', { notFound: true }),
    '/groups': groupSearch,
    '/search/groups': groupSearch,
    '/groups/recommended': get(
      "Groups not yet joined, ranked by shared interests and by what members of the caller's groups also joined",
      'groups',
      [limit(20, 50)],
      'RecommendedGroups',
    ),
    '/groups/{id}': get('One group; private groups only for members and invitees', 'groups', [id('group id')], 'GroupDetail', { notFound: true }),
    '/groups/{id}/members': get('Members with roles (private groups: members only)', 'groups', [id('group id'), cursor, limit(100, 500)], 'MemberPage', { notFound: true }),
    '/groups/{id}/messages': get(
      'Message history, oldest first, paged by position; stable while new messages arrive',
      'messages',
      [
        id('group id'),
        query('before', { type: 'string' }, 'a message position: only older messages'),
        query('after', { type: 'string' }, 'a message position: only newer messages (the page then starts right after it)'),
        limit(50, 200),
      ],
      'MessagePage',
      { notFound: true },
    ),
    '/search/messages': get(
      'Full-text search over messages of the groups the caller belongs to, with highlights',
      'messages',
      [
        query('q', { type: 'string', minLength: 1, maxLength: 200 }, undefined, true),
        query('groupId', { type: 'string' }, 'only this group (must be one of the caller\'s)'),
        query('sort', { type: 'string', enum: ['relevance', 'recent'], default: 'relevance' }),
        cursor,
        limit(20, 100),
      ],
      'MessageSearchPage',
    ),
  },
};
