import { z } from 'zod';
import { badRequest } from '@groupchat/shared';

export { idParam, pathId } from '@groupchat/shared';

/** `?limit=` with a default and a ceiling; anything else is a 422 naming the field. */
export const limitParam = (fallback: number, max: number) => z.coerce.number().int().min(1).max(max).default(fallback);

export const cursorParam = z.string().optional().describe('the `nextCursor` of the previous page');

/** A single optional text parameter; a repeated one is refused rather than silently picking one. */
export const textParam = (max = 200) => z.string().trim().max(max).optional();

/** A parameter given once, repeated or comma-separated, as a list of distinct non-empty values. */
export const listParam = (maxItems = 10, maxLength = 64) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => [
      ...new Set(
        (v === undefined ? [] : Array.isArray(v) ? v : [v])
          .flatMap((s) => s.split(','))
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    ])
    .pipe(z.array(z.string().max(maxLength)).max(maxItems));

/**
 * Opaque continuation tokens: base64url JSON of the sort values to resume after, tagged with
 * what they continue so a token from another listing or sort is refused instead of misread.
 */
export function encodeCursor(kind: string, after: unknown[]): string {
  return Buffer.from(JSON.stringify({ k: kind, a: after })).toString('base64url');
}

export function decodeCursor(kind: string, token: string | undefined): unknown[] | undefined {
  if (token === undefined || token === '') return undefined;
  try {
    if (token.length > 2048 || !/^[A-Za-z0-9_-]+$/.test(token)) throw new Error('shape');
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { k?: unknown; a?: unknown };
    if (parsed.k !== kind || !Array.isArray(parsed.a) || !parsed.a.every(isScalar)) throw new Error('kind');
    return parsed.a;
  } catch {
    throw badRequest('cursor is not one this listing returned; start again without it', 'invalid_cursor');
  }
}

function isScalar(v: unknown): boolean {
  return v === null || ['string', 'number', 'boolean'].includes(typeof v);
}
