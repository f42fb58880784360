import type { RequestHandler, Router } from 'express';
import { z } from 'zod';
import { indexName, parse, type Runtime } from '@groupchat/shared';
import { membershipsOf, readYourWrites } from '../access';
import { cursorParam, decodeCursor, limitParam, listParam, pathId, textParam } from '../paging';
import { auditCsv, auditOf, auditParams } from './audit';
import { bansOf, groupById, invitesOf } from './detail';
import { discoverGroups } from './discovery';
import { inviteLinkPreview, inviteLinksOf } from './invite-links';
import { membersOf } from './members';
import { recommendedFor } from './recommended';
import { autoModerationOf, blocksOf, reportsBy, reportsOf, reportsParams } from './reports';
import { searchLimit } from '../search-limit';

export const discoveryParams = z.object({
  q: textParam().describe('words in the name, description or interests; the last word may be a prefix'),
  interest: listParam().describe('only groups with every one of these interests (repeat or comma-separate)'),
  sort: z.enum(['relevance', 'activity', 'size']).default('relevance'),
  cursor: cursorParam,
  limit: limitParam(20, 100),
});
export const membersParams = z.object({ cursor: cursorParam, limit: limitParam(100, 500) });
export const recommendedParams = z.object({ limit: limitParam(20, 50) });

/** GET /groups (discovery), /groups/recommended, /groups/:id, /groups/:id/members, /groups/:id/bans, /groups/:id/invites. */
export function groupRoutes(router: Router, rt: Runtime, auth: RequestHandler) {
  const index = indexName(rt.config, 'groups');
  const reads = [auth, readYourWrites(rt)];
  const searches = [auth, searchLimit(rt.config), readYourWrites(rt, index)];

  const discover: RequestHandler = async (req, res) => {
    const p = parse(discoveryParams, req.query);
    const memberships = await membershipsOf(rt.pool, req.user!.sub);
    const after = decodeCursor(`groups:${p.sort}`, p.cursor);
    res.json(await discoverGroups(rt.es, index, { q: p.q || undefined, interests: p.interest, sort: p.sort, after, limit: p.limit }, memberships));
  };
  router.get('/groups', ...searches, discover);
  router.get('/search/groups', ...searches, discover);

  router.get('/groups/recommended', ...reads, async (req, res) => {
    const p = parse(recommendedParams, req.query);
    res.json(await recommendedFor(rt.pool, req.user!.sub, p.limit));
  });

  router.get('/groups/:id', ...reads, async (req, res) => {
    res.json(await groupById(rt.pool, pathId(req.params.id, 'group'), req.user!.sub));
  });

  router.get('/groups/:id/bans', ...reads, async (req, res) => {
    res.json(await bansOf(rt.pool, pathId(req.params.id, 'group'), req.user!.sub));
  });

  router.get('/groups/:id/invites', ...reads, async (req, res) => {
    res.json(await invitesOf(rt.pool, pathId(req.params.id, 'group'), req.user!.sub));
  });

  router.get('/groups/:id/reports', ...reads, async (req, res) => {
    const p = parse(reportsParams, req.query);
    res.json(await reportsOf(rt.pool, pathId(req.params.id, 'group'), req.user!.sub, p.status));
  });

  router.get('/groups/:id/invite-links', ...reads, async (req, res) => {
    res.json(await inviteLinksOf(rt.pool, pathId(req.params.id, 'group'), req.user!.sub, `${req.protocol}://${req.get('host')}`));
  });

  router.get('/invite-links/:code', ...reads, async (req, res) => {
    res.json(await inviteLinkPreview(rt.pool, String(req.params.code), req.user!.sub));
  });

  router.get('/groups/:id/auto-moderation', ...reads, async (req, res) => {
    res.json(await autoModerationOf(rt.pool, pathId(req.params.id, 'group'), req.user!.sub));
  });

  router.get('/me/blocks', ...reads, async (req, res) => {
    res.json(await blocksOf(rt.pool, req.user!.sub));
  });

  router.get('/me/reports', ...reads, async (req, res) => {
    res.json(await reportsBy(rt.pool, req.user!.sub));
  });

  router.get('/groups/:id/audit', ...reads, async (req, res) => {
    const p = parse(auditParams, req.query);
    const groupId = pathId(req.params.id, 'group');
    if (p.format === 'csv') return auditCsv(rt.pool, groupId, req.user!.sub, p, res);
    res.json(await auditOf(rt.pool, groupId, req.user!.sub, p));
  });

  router.get('/groups/:id/members', ...reads, async (req, res) => {
    const p = parse(membersParams, req.query);
    res.json(await membersOf(rt.pool, pathId(req.params.id, 'group'), req.user!.sub, decodeCursor('members', p.cursor), p.limit));
  });
}
