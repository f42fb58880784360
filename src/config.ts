import { z } from 'zod';
import { registerConfigKeys } from '@groupchat/shared';

/** Keys of the all-in-one process itself. */
const KEYS = {
  PROJECTORS_NICE: z.coerce
    .number()
    .int()
    .min(0)
    .max(19)
    .default(10)
    .describe('nice value of the projectors thread in the all-in-one process (Linux): higher yields more CPU to clients'),
};

registerConfigKeys(KEYS);

type AllInOneKeys = z.infer<z.ZodObject<typeof KEYS>>;

declare module '@groupchat/shared' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ServiceConfig extends AllInOneKeys {}
}
