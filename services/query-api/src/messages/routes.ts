import type { RequestHandler, Router } from 'express';
import { z } from 'zod';
import { badRequest, indexName, parse, parsePosition, retentionCutoff, retentionDaysSql, type Pool, type Runtime } from '@groupchat/shared';
import { membershipsOf, readYourWrites } from '../access';
import { cursorParam, decodeCursor, limitParam, pathId, textParam } from '../paging';
import { passed } from '../passed';
import { historyOf } from './history';
import { aroundOf, followedThreads, pinsOf, threadOf } from './threads';
import { searchMessages } from './search';
import { parseSearchFilters } from './search-filters';
import { searchLimit } from '../search-limit';

export const historyParams = z.object({
  before: z.string().optional().describe('a message position: only older messages'),
  after: z.string().optional().describe('a message position: only newer messages (the page then starts right after it)'),
  limit: limitParam(50, 200),
});
export const aroundParams = historyParams.extend({
  around: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a message id')
    .optional()
    .describe('a message id: the page is centred on it (a reply in a thread: on its root), for permalinks; `before`/`after` are then ignored'),
});
export const followedParams = z.object({ limit: limitParam(30, 100) });
export const messageSearchParams = z.object({
  q: z
    .string()
    .trim()
    .min(1, 'a search text is required')
    .max(200)
    .describe(
      'words to find, with optional filters: from:username, in:group-name (quotes for spaces), has:file|image|video|audio|link, before:YYYY-MM-DD, after:YYYY-MM-DD',
    ),
  groupId: textParam(100).describe("only this group (must be one of the caller's)"),
  sort: z.enum(['relevance', 'recent']).default('relevance'),
  cursor: cursorParam,
  limit: limitParam(20, 100),
});

/** GET /groups/:id/messages (history) and /search/messages. */
export function messageRoutes(router: Router, rt: Runtime, auth: RequestHandler) {
  const index = indexName(rt.config, 'messages');
  const reads = [auth, readYourWrites(rt)];
  const budget = searchLimit(rt.config);
  const reached = readYourWrites(rt, index);

  router.get('/groups/:id/messages', ...reads, async (req, res) => {
    const p = parse(aroundParams, req.query);
    const groupId = pathId(req.params.id, 'group');
    if (p.around) return void res.json(await aroundOf(rt.pool, groupId, req.user!.sub, p.around, p.limit));
    res.json(await historyOf(rt.pool, groupId, req.user!.sub, { before: messageOffset(p.before), after: messageOffset(p.after), limit: p.limit }));
  });

  router.get('/groups/:id/threads/:messageId/messages', ...reads, async (req, res) => {
    const p = parse(historyParams, req.query);
    const [groupId, rootId] = [pathId(req.params.id, 'group'), pathId(req.params.messageId, 'message')];
    res.json(await threadOf(rt.pool, groupId, req.user!.sub, rootId, { before: messageOffset(p.before), after: messageOffset(p.after), limit: p.limit }));
  });

  router.get('/groups/:id/pins', ...reads, async (req, res) => {
    res.json(await pinsOf(rt.pool, pathId(req.params.id, 'group'), req.user!.sub));
  });

  router.get('/me/threads', ...reads, async (req, res) => {
    res.json(await followedThreads(rt.pool, req.user!.sub, parse(followedParams, req.query).limit));
  });

  router.get('/search/messages', auth, async (req, res) => {
    // Counting the search and reading the caller's groups are two Postgres round trips; they overlap.
    // The groups are read once the caller's positions are reached, so a group just joined is searched.
    const [, memberships] = await Promise.all([passed(budget, req, res), passed(reached, req, res).then(() => membershipsOf(rt.pool, req.user!.sub))]);
    const p = parse(messageSearchParams, req.query);
    const after = decodeCursor(`messages:${p.sort}`, p.cursor);
    const f = parseSearchFilters(p.q);
    const groups = [...memberships.keys()];
    const [senderIds, groupIds, cutoffs] = await Promise.all([
      usersNamed(rt.pool, f.from),
      groupsNamed(rt.pool, groups, f.in),
      retentionCutoffs(rt.pool, groups),
    ]);
    const filters = { senderIds, groupIds, has: f.has, sentBefore: f.before, sentAfter: f.after };
    res.json(
      await searchMessages(rt.es, index, { q: f.text, groupId: p.groupId || undefined, sort: p.sort, after, limit: p.limit, ...filters }, groups, cutoffs),
    );
  });
}

/** The oldest kept sent time (epoch ms) of each of these groups that has a retention (docs/privacy.md). */
async function retentionCutoffs(pool: Pool, groups: string[]): Promise<Map<string, number>> {
  const { rows } = await pool.query<{ group_id: string; retention_days: number }>(
    `SELECT group_id, ${retentionDaysSql('g')} AS retention_days FROM groups g WHERE group_id = ANY($1) AND ${retentionDaysSql('g')} IS NOT NULL`,
    [groups],
  );
  const now = Date.now();
  return new Map(rows.map((r) => [r.group_id, retentionCutoff(r.retention_days, now)]));
}

/** `from:` names users by username; undefined when the query names none. */
async function usersNamed(pool: Pool, usernames: string[]): Promise<string[] | undefined> {
  if (!usernames.length) return undefined;
  const { rows } = await pool.query<{ user_id: string }>('SELECT user_id FROM users WHERE lower(username) = ANY($1)', [usernames]);
  return rows.map((r) => r.user_id);
}

/** `in:` names the caller's groups by the start of their name (case-insensitive); DMs by a member's username. */
async function groupsNamed(pool: Pool, mine: string[], names: string[]): Promise<string[] | undefined> {
  if (!names.length) return undefined;
  const { rows } = await pool.query<{ group_id: string }>(
    `SELECT g.group_id FROM groups g WHERE g.group_id = ANY($1) AND EXISTS (SELECT 1 FROM unnest($2::text[]) n WHERE starts_with(lower(g.name), n))
     UNION
     SELECT m.group_id FROM memberships m JOIN users u ON u.user_id = m.user_id JOIN groups g ON g.group_id = m.group_id
      WHERE m.group_id = ANY($1) AND g.kind = 'direct' AND lower(u.username) = ANY($2)`,
    [mine, names],
  );
  return rows.map((r) => r.group_id);
}

/** History cursors are message positions; a users or groups token here is a client mistake. */
function messageOffset(token: string | undefined): bigint | undefined {
  if (token === undefined || token === '') return undefined;
  const p = parsePosition(token);
  if (p.topic !== 'messages') throw badRequest(`"${token}" is not a message position`, 'invalid_position');
  return p.offset;
}
