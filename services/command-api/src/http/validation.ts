import { z } from 'zod';
import { invalid } from '@groupchat/shared';

// C0 and C1 controls; tab and newline are allowed only where text may span lines.
const CONTROLS = /[\u0000-\u001F\u007F-\u009F]/;
const CONTROLS_BUT_TAB_NEWLINE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

export interface TextRules {
  min?: number;
  max: number;
  /** Allows \n and \t (message text, descriptions). */
  multiline?: boolean;
  /** Trims surrounding whitespace before the length checks (default true). */
  trim?: boolean;
}

/**
 * Room for what trimming and NFC normalisation remove (surrounding whitespace, combining marks)
 * before the real length check; anything longer is refused before a single pattern sees it.
 */
export const rawLimit = (max: number) => max * 4 + 64;

/**
 * A string that is well-formed UTF-16, NFC-normalised and free of control characters. Both
 * length checks abort: zod otherwise runs every later check, and a pattern chained after this
 * one (an email's, say) would still be run over megabytes.
 */
export function text({ min = 0, max, multiline = false, trim = true }: TextRules) {
  const controls = multiline ? CONTROLS_BUT_TAB_NEWLINE : CONTROLS;
  const message = `must be at most ${max} characters`;
  let s = z
    .string()
    .max(rawLimit(max), { abort: true, message })
    .refine((v) => v.isWellFormed(), 'must be valid Unicode')
    .overwrite((v) => v.normalize('NFC'))
    .refine((v) => !controls.test(v), multiline ? 'must not contain control characters other than newline and tab' : 'must not contain control characters');
  if (trim) s = s.trim();
  if (min > 0) s = s.min(min, min === 1 ? 'must not be blank' : `must be at least ${min} characters`);
  // Length checks run even after an abort unless told otherwise: one report of the length is enough.
  return s.check(onlyWhen(z.maxLength(max, { abort: true, message }), (payload) => payload.issues.every((i) => i.continue === true)));
}

/** One interest tag: lowercase, inner whitespace collapsed, 1–32 characters. */
export const tag = text({ min: 1, max: 32 }).overwrite((v) => v.toLowerCase().replace(/\s+/g, ' '));

/** Up to 10 tags, deduplicated in order. */
export const tags = z
  .array(tag)
  .max(10, 'at most 10 interests')
  .overwrite((xs) => [...new Set(xs)]);

export const identifier = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an id');

/** For whole-object rules: judged only once every field is valid, so one mistake is reported once. */
export const onlyIfValid = (payload: { issues: readonly unknown[] }) => payload.issues.length === 0;

/** Validates with a zod schema; every failure becomes one entry of a 422 problem. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw invalid(result.error.issues.map((i) => ({ field: i.path.map(String).join('.') || '(body)', message: i.message })));
}

export { pathId } from '@groupchat/shared';

/** zod honours `when` on every check but accepts it only on refinements. */
function onlyWhen<C extends z.core.$ZodCheck>(check: C, when: (payload: z.core.ParsePayload) => boolean): C {
  check._zod.def.when = when;
  return check;
}
