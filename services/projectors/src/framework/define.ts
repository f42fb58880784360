import type { Projection } from './types';

const NAME = /^[a-z][a-z0-9-]{0,40}$/;
const TABLE = /^[a-z][a-z0-9_]{0,40}$/;

/**
 * Declares a projection. Contradictions are rejected here, at start, rather than as odd
 * behaviour while events flow.
 */
export function defineProjection<P extends Projection>(projection: P): P {
  const where = `projection ${JSON.stringify(projection.name)}`;
  if (!NAME.test(projection.name)) throw new Error(`${where}: the name must be lowercase letters, digits and -`);
  if (!Number.isInteger(projection.version) || projection.version < 1) throw new Error(`${where}: version must be a positive integer`);
  if (!projection.topics.length) throw new Error(`${where}: reads no topic`);
  if (projection.storage === 'postgres') {
    const { tables, handlers = {}, batchHandlers = {} } = projection;
    if (!tables.length) throw new Error(`${where}: declares no table`);
    for (const t of [...tables, ...Object.keys(projection.views ?? {})]) {
      if (!TABLE.test(t)) throw new Error(`${where}: "${t}" is not a valid table or view name`);
    }
    const both = Object.keys(handlers).filter((t) => t in batchHandlers);
    if (both.length) throw new Error(`${where}: ${both.join(', ')} has both a handler and a batch handler`);
    if (!Object.keys(handlers).length && !Object.keys(batchHandlers).length) throw new Error(`${where}: handles no event`);
  } else {
    if (!NAME.test(projection.index.name)) throw new Error(`${where}: index name must be lowercase letters, digits and -`);
    if (!Object.keys(projection.handlers).length) throw new Error(`${where}: handles no event`);
  }
  return projection;
}

export function handledTypes(projection: Projection): Set<string> {
  if (projection.storage === 'elasticsearch') return new Set(Object.keys(projection.handlers));
  return new Set([...Object.keys(projection.handlers ?? {}), ...Object.keys(projection.batchHandlers ?? {})]);
}
