import { z } from 'zod';
import { registerConfigKeys } from '@groupchat/shared';

/** The query API's own configuration keys. */
const KEYS = {
  SEARCH_LIMIT: z.coerce.number().int().positive().default(300).describe('searches (messages, groups, users) per minute of one user'),
};

registerConfigKeys(KEYS);

type QueryApiKeys = z.infer<z.ZodObject<typeof KEYS>>;

declare module '@groupchat/shared' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ServiceConfig extends QueryApiKeys {}
}
