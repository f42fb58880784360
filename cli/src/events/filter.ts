import { EVENT_TYPES } from '@groupchat/schemas';
import { CliError } from '../context';
import type { LogRecord } from './reader';

export interface Filter {
  types?: Set<string>;
  group?: string;
}

export function parseFilter(type: string | undefined, group: string | undefined): Filter {
  const types = type
    ?.split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  for (const t of types ?? []) {
    if (!(EVENT_TYPES as string[]).includes(t)) throw new CliError(`unknown event type "${t}": one of ${EVENT_TYPES.join(', ')}`);
  }
  return { types: types?.length ? new Set(types) : undefined, group };
}

export function matches(f: Filter, r: LogRecord): boolean {
  if (f.types && !f.types.has(r.event.type)) return false;
  if (f.group && (r.event as { groupId?: string }).groupId !== f.group) return false;
  return true;
}
