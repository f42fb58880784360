/**
 * Positions are opaque tokens to be passed back unchanged. Tokens of the form
 * `<topic>.<partition>.<offset>` are ordered within one topic and partition, which is all a
 * group's messages ever share; anything else compares as unknown.
 */
interface Parsed {
  stream: string;
  offset: bigint;
}

function parse(token: string): Parsed | null {
  const m = /^([a-z]+)\.(\d+)\.(\d+)$/.exec(token);
  return m ? { stream: `${m[1]}.${m[2]}`, offset: BigInt(m[3]!) } : null;
}

/** Negative when a comes first, positive when later, 0 when equal, null when not comparable. */
export function comparePositions(a: string, b: string): number | null {
  if (a === b) return 0;
  const pa = parse(a);
  const pb = parse(b);
  if (!pa || !pb || pa.stream !== pb.stream) return null;
  return pa.offset < pb.offset ? -1 : pa.offset > pb.offset ? 1 : 0;
}

export function isAfter(candidate: string, reference: string | null | undefined): boolean {
  if (!reference) return true;
  const c = comparePositions(candidate, reference);
  return c === null ? candidate !== reference : c > 0;
}

export function laterOf(a: string | null | undefined, b: string | null | undefined): string | null {
  if (!a) return b ?? null;
  if (!b) return a;
  return isAfter(b, a) ? b : a;
}

/** Key of the log partition a token belongs to, for keeping one minimum per partition. */
export function streamOf(token: string): string {
  return parse(token)?.stream ?? token;
}
