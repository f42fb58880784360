import type { RequestHandler, Router } from 'express';
import type { Runtime } from '@groupchat/shared';
import { readYourWrites } from '../access';
import { unreadOf } from './counts';

/** GET /me/unread: unread and mention counts per conversation (markers move with PUT /me/read-markers/{groupId}). */
export function unreadRoutes(router: Router, rt: Runtime, auth: RequestHandler) {
  router.get('/me/unread', auth, readYourWrites(rt), async (req, res) => {
    res.json(await unreadOf(rt.pool, req.user!.sub));
  });
}
