import { z } from 'zod';
import { notFound } from './errors';

/** What can be an id in a path. */
export const idParam = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/** Ids in paths are never user-facing fields: one that cannot be an id names nothing, so it is 404. */
export function pathId(value: unknown, what: string): string {
  const id = idParam.safeParse(value);
  if (!id.success) throw notFound(what);
  return id.data;
}
