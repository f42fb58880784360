import type { RequestHandler, Router } from 'express';
import { z } from 'zod';
import { indexName, parse, type Runtime } from '@groupchat/shared';
import { readYourWrites } from '../access';
import { cursorParam, decodeCursor, limitParam, pathId, textParam } from '../paging';
import { me, userById } from './profile';
import { searchUsers } from './search';
import { searchLimit } from '../search-limit';

export const userSearchParams = z.object({ q: textParam(100), cursor: cursorParam, limit: limitParam(20, 100) });

/** GET /me, /users (search), /users/:id. */
export function userRoutes(router: Router, rt: Runtime, auth: RequestHandler) {
  const index = indexName(rt.config, 'users');
  const reads = [auth, readYourWrites(rt)];
  const searches = [auth, searchLimit(rt.config), readYourWrites(rt, index)];

  router.get('/me', ...reads, async (req, res) => {
    res.json(await me(rt.pool, req.user!.sub));
  });

  const search: RequestHandler = async (req, res) => {
    const p = parse(userSearchParams, req.query);
    res.json(await searchUsers(rt.es, index, { q: p.q || undefined, after: decodeCursor('users', p.cursor), limit: p.limit }));
  };
  router.get('/users', ...searches, search);
  router.get('/search/users', ...searches, search);

  router.get('/users/:id', ...reads, async (req, res) => {
    res.json(await userById(rt.pool, pathId(req.params.id, 'user')));
  });
}
