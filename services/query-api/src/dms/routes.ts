import type { RequestHandler, Router } from 'express';
import { z } from 'zod';
import { parse, type Runtime } from '@groupchat/shared';
import { readYourWrites } from '../access';
import { limitParam } from '../paging';
import { dmsOf } from './list';

export const dmListParams = z.object({ limit: limitParam(100, 500) });

/** GET /dms: the caller's direct conversations (they are opened with POST /dms on command-api). */
export function dmRoutes(router: Router, rt: Runtime, auth: RequestHandler) {
  router.get('/dms', auth, readYourWrites(rt), async (req, res) => {
    const p = parse(dmListParams, req.query);
    res.json(await dmsOf(rt.pool, req.user!.sub, p.limit));
  });
}
