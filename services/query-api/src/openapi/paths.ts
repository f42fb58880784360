import { z } from 'zod';
import { componentSchemas, parametersOf, type OpenApiPart, type Parameter } from '@groupchat/shared';
import { dmListParams } from '../dms/routes';
import { auditParams } from '../groups/audit';
import { discoveryParams, membersParams, recommendedParams } from '../groups/routes';
import { reportsParams } from '../groups/reports';
import { aroundParams, followedParams, historyParams, messageSearchParams } from '../messages/routes';
import { idParam } from '../paging';
import { userSearchParams } from '../users/routes';
import * as answers from './schemas';
import { querySchemas } from './schemas';

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });
const minPosition: Parameter = {
  name: 'X-Min-Position',
  in: 'header',
  required: false,
  description: 'position tokens a command returned (comma-separated); the answer waits, up to about 5 s, until the read models include them',
  schema: { type: 'string' },
};
const id = (description: string) => parametersOf(z.object({ id: idParam.describe(description) }), 'path');

interface Get {
  summary: string;
  tag: string;
  /** One of the named schemas of `querySchemas`. */
  answer: z.ZodType;
  path?: Parameter[];
  query?: z.ZodObject;
  notFound?: boolean;
  /** Answers 403 to callers of too low a role. */
  forbidden?: boolean;
}

function get({ summary, tag, answer, path = [], query, notFound = false, forbidden = false }: Get) {
  return {
    get: {
      summary,
      tags: [tag],
      security: [{ bearer: [] }],
      parameters: [...path, ...(query ? parametersOf(query) : []), minPosition],
      responses: {
        200: { description: 'OK', content: { 'application/json': { schema: { $ref: `#/components/schemas/${querySchemas.get(answer)!.id}` } } } },
        400: problem('malformed cursor or position token'),
        401: problem('no or invalid access token'),
        ...(forbidden ? { 403: problem('not allowed for the caller’s role') } : {}),
        ...(notFound ? { 404: problem('unknown, deleted, or not visible to the caller') } : {}),
        422: problem('invalid query parameters, one entry per field'),
        503: problem('a read model is behind the given X-Min-Position, or a dependency is down'),
      },
    },
  };
}

/** A GET that also answers `text/csv` (an attachment) when asked with `format=csv`. */
function withCsv(route: ReturnType<typeof get>) {
  const ok = route.get.responses[200];
  return {
    get: { ...route.get, responses: { ...route.get.responses, 200: { ...ok, content: { ...ok.content, 'text/csv': { schema: { type: 'string' } } } } } },
  };
}

const groupSearch = get({
  summary: 'Discover groups: text search, interest facets, sorting',
  tag: 'groups',
  query: discoveryParams,
  answer: answers.GroupPage,
});
const userSearch = get({ summary: 'Find users by (partial) username or display name', tag: 'users', query: userSearchParams, answer: answers.UserSearchPage });

/** Every GET route of query-api, keyed by OpenAPI path, from the schemas that validate its parameters and describe its answers. */
export const queryOpenApi: OpenApiPart = {
  schemas: componentSchemas(querySchemas),
  paths: {
    '/me': get({ summary: "The caller's profile, groups with roles, and pending invites", tag: 'users', answer: answers.Me, notFound: true }),
    '/users': userSearch,
    '/search/users': userSearch,
    '/users/{id}': get({ summary: 'A public profile', tag: 'users', path: id('user id'), answer: answers.UserProfile, notFound: true }),
    '/groups': groupSearch,
    '/search/groups': groupSearch,
    '/groups/recommended': get({
      summary: "Groups not yet joined, ranked by shared interests and by what members of the caller's groups also joined",
      tag: 'groups',
      query: recommendedParams,
      answer: answers.RecommendedGroups,
    }),
    '/groups/{id}': get({
      summary: 'One group; private groups only for members and invitees',
      tag: 'groups',
      path: id('group id'),
      answer: answers.GroupDetail,
      notFound: true,
    }),
    '/groups/{id}/bans': get({
      summary: 'The bans in force, newest first (moderators and above; docs/moderation.md)',
      tag: 'groups',
      path: id('group id'),
      answer: answers.BanList,
      notFound: true,
      forbidden: true,
    }),
    '/groups/{id}/invites': get({
      summary: 'The invites by user still pending, newest first (moderators and above, who may revoke them; docs/moderation.md)',
      tag: 'groups',
      path: id('group id'),
      answer: answers.InviteList,
      notFound: true,
      forbidden: true,
    }),
    '/groups/{id}/reports': get({
      summary: 'The report queue (moderators and above; reports about moderators: admins and owners)',
      tag: 'groups',
      path: id('group id'),
      query: reportsParams,
      answer: answers.ReportList,
      notFound: true,
      forbidden: true,
    }),
    '/groups/{id}/invite-links': get({
      summary: "The group's invite links, newest first, with their uses (moderators and above)",
      tag: 'groups',
      path: id('group id'),
      answer: answers.InviteLinkList,
      notFound: true,
      forbidden: true,
    }),
    '/invite-links/{code}': get({
      summary:
        'The group an invite link leads to (anyone signed in); a revoked, expired, used-up or unknown link: 404 `invite_link_invalid`, without saying which',
      tag: 'groups',
      path: parametersOf(z.object({ code: idParam.describe('the link code') }), 'path'),
      answer: answers.InviteLinkPreview,
      notFound: true,
    }),
    '/groups/{id}/auto-moderation': get({
      summary: "The group's automatic moderation (moderators and above)",
      tag: 'groups',
      path: id('group id'),
      answer: answers.AutoModerationSettings,
      notFound: true,
      forbidden: true,
    }),
    '/me/blocks': get({
      summary: 'The people I have blocked, newest first',
      tag: 'users',
      answer: answers.BlockList,
    }),
    '/me/reports': get({
      summary: 'My reports and their outcome',
      tag: 'users',
      answer: answers.MyReports,
    }),
    '/groups/{id}/audit': withCsv(
      get({
        summary: 'The audit log, newest first (moderators and above; docs/moderation.md); `format=csv` downloads every matching entry',
        tag: 'groups',
        path: id('group id'),
        query: auditParams,
        answer: answers.AuditPage,
        notFound: true,
        forbidden: true,
      }),
    ),
    '/groups/{id}/members': get({
      summary: 'Members with roles (private groups: members only)',
      tag: 'groups',
      path: id('group id'),
      query: membersParams,
      answer: answers.MemberPage,
      notFound: true,
    }),
    '/groups/{id}/messages': get({
      summary: 'Message history, oldest first, paged by position; stable while new messages arrive',
      tag: 'messages',
      path: id('group id'),
      query: aroundParams,
      answer: answers.MessagePage,
      notFound: true,
    }),
    '/groups/{id}/threads/{messageId}/messages': get({
      summary: 'A thread: its root and a page of its replies, oldest first, paged like history',
      tag: 'messages',
      path: parametersOf(z.object({ id: idParam.describe('group id'), messageId: idParam.describe('the thread’s root message') }), 'path'),
      query: historyParams,
      answer: answers.ThreadPage,
      notFound: true,
    }),
    '/groups/{id}/pins': get({
      summary: 'The pinned messages of a group, newest pin first',
      tag: 'messages',
      path: id('group id'),
      answer: answers.PinList,
      notFound: true,
    }),
    '/me/threads': get({
      summary: 'The threads the caller follows (started, replied in, or followed), most recent reply first',
      tag: 'messages',
      query: followedParams,
      answer: answers.FollowedThreads,
    }),
    '/dms': get({
      summary: "The caller's direct conversations and the requests waiting for them, most recently active first",
      tag: 'dms',
      query: dmListParams,
      answer: answers.DmList,
    }),
    '/me/unread': get({
      summary: 'Unread and mention counts of every conversation of the caller, with their read markers (docs/unread.md)',
      tag: 'messages',
      answer: answers.UnreadList,
    }),
    '/me/notification-settings': get({
      summary: 'My default and per-conversation notification settings (docs/notifications.md)',
      tag: 'users',
      answer: answers.NotificationSettings,
    }),
    '/me/push-subscriptions': get({
      summary: 'My Web Push subscriptions, and the VAPID public key to subscribe with',
      tag: 'users',
      answer: answers.PushSubscriptions,
    }),
    '/search/messages': get({
      summary: 'Full-text search over messages of the groups the caller belongs to, with highlights',
      tag: 'messages',
      query: messageSearchParams,
      answer: answers.MessageSearchPage,
    }),
  },
};
