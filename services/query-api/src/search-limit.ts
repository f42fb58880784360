import type { Config } from '@groupchat/shared';
import { limiter } from '@groupchat/shared';

/** Every search (messages, groups, users) of one user draws from one budget: each costs an Elasticsearch query. */
export const searchLimit = (config: Pick<Config, 'SEARCH_LIMIT'>) =>
  limiter({ windowMs: 60_000, limit: config.SEARCH_LIMIT, key: (req) => `search:${req.user?.sub ?? req.ip ?? 'unknown'}` });
