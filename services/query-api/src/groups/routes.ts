import type { RequestHandler, Router } from 'express';
import { z } from 'zod';
import { indexName, parse, type Runtime } from '@groupchat/shared';
import { membershipsOf } from '../access';
import { decodeCursor, limitParam, listParam, textParam } from '../paging';
import { groupById } from './detail';
import { discoverGroups } from './discovery';
import { membersOf } from './members';
import { recommendedFor } from './recommended';

const discoveryParams = z.object({
  q: textParam(),
  interest: listParam(),
  sort: z.enum(['relevance', 'activity', 'size']).default('relevance'),
  cursor: z.string().optional(),
  limit: limitParam(20, 100),
});
const membersParams = z.object({ cursor: z.string().optional(), limit: limitParam(100, 500) });
const recommendedParams = z.object({ limit: limitParam(20, 50) });

/** GET /groups (discovery), /groups/recommended, /groups/:id, /groups/:id/members. */
export function groupRoutes(router: Router, rt: Runtime, guard: RequestHandler[]) {
  const index = indexName(rt.config, 'groups');

  const discover: RequestHandler = async (req, res) => {
    const p = parse(discoveryParams, req.query);
    const memberships = await membershipsOf(rt.pool, req.user!.sub);
    const after = decodeCursor(`groups:${p.sort}`, p.cursor);
    res.json(await discoverGroups(rt.es, index, { q: p.q || undefined, interests: p.interest, sort: p.sort, after, limit: p.limit }, memberships));
  };
  router.get('/groups', ...guard, discover);
  router.get('/search/groups', ...guard, discover);

  router.get('/groups/recommended', ...guard, async (req, res) => {
    const p = parse(recommendedParams, req.query);
    res.json(await recommendedFor(rt.pool, req.user!.sub, p.limit));
  });

  router.get('/groups/:id', ...guard, async (req, res) => {
    res.json(await groupById(rt.pool, req.params.id as string, req.user!.sub));
  });

  router.get('/groups/:id/members', ...guard, async (req, res) => {
    const p = parse(membersParams, req.query);
    res.json(await membersOf(rt.pool, req.params.id as string, req.user!.sub, decodeCursor('members', p.cursor), p.limit));
  });
}
