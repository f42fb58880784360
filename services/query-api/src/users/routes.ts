import type { RequestHandler, Router } from 'express';
import { z } from 'zod';
import { indexName, parse, type Runtime } from '@groupchat/shared';
import { decodeCursor, limitParam, textParam } from '../paging';
import { me, userById } from './profile';
import { searchUsers } from './search';

const searchParams = z.object({ q: textParam(100), cursor: z.string().optional(), limit: limitParam(20, 100) });

/** GET /me, /users (search), /users/:id. */
export function userRoutes(router: Router, rt: Runtime, guard: RequestHandler[]) {
  const index = indexName(rt.config, 'users');

  router.get('/me', ...guard, async (req, res) => {
    res.json(await me(rt.pool, req.user!.sub));
  });

  const search: RequestHandler = async (req, res) => {
    const p = parse(searchParams, req.query);
    res.json(await searchUsers(rt.es, index, { q: p.q || undefined, after: decodeCursor('users', p.cursor), limit: p.limit }));
  };
  router.get('/users', ...guard, search);
  router.get('/search/users', ...guard, search);

  router.get('/users/:id', ...guard, async (req, res) => {
    res.json(await userById(rt.pool, req.params.id as string));
  });
}
