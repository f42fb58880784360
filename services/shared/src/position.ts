import { badRequest } from './errors';

/** A place in the log. Clients get it as an opaque token and pass it back unchanged. */
export interface Position {
  topic: string;
  partition: number;
  offset: bigint;
}

const TOPIC_CODES: Record<string, string> = { users: 'u', groups: 'g', messages: 'm' };
const CODE_TOPICS: Record<string, string> = Object.fromEntries(Object.entries(TOPIC_CODES).map(([k, v]) => [v, k]));

/** `topic` here is the logical topic name (users, groups, messages), not the namespaced one. */
export function formatPosition(p: Position): string {
  return `${TOPIC_CODES[p.topic] ?? p.topic}.${p.partition}.${p.offset}`;
}

export function parsePosition(token: string): Position {
  const m = /^([ugm])\.(\d{1,4})\.(\d{1,19})$/.exec(token);
  if (!m) throw badRequest(`"${token.slice(0, 40)}" is not a position token`, 'invalid_position');
  return { topic: CODE_TOPICS[m[1]!]!, partition: Number(m[2]), offset: BigInt(m[3]!) };
}

/** Several tokens (a client may carry one per topic) separated by commas. */
export function parsePositions(header: string | undefined): Position[] {
  if (!header) return [];
  return header
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .slice(0, 8)
    .map(parsePosition);
}
