import { RE2JS } from 're2js';
import type { AutoModeration } from '@groupchat/shared';

export const MAX_PATTERNS = 100;
export const MAX_PATTERN_CHARS = 200;

/** A plain word or phrase (letters, digits, spaces, - and ') matches as a whole word; anything else is RE2 syntax. */
const PLAIN = /^[\p{L}\p{N}' _-]+$/u;

const source = (pattern: string) => (PLAIN.test(pattern) ? `\\b${RE2JS.quote(pattern.trim())}\\b` : pattern);

/**
 * Compiles one pattern, or says why it cannot be used. RE2 matches in time linear in the text
 * (no backtracking), and its compiler refuses the constructs that would not, so a pattern
 * cannot block the event loop; the size limits bound the compiled program.
 */
export function patternProblem(pattern: string): string | undefined {
  if (!pattern.trim()) return 'is empty';
  if (pattern.length > MAX_PATTERN_CHARS) return `is over ${MAX_PATTERN_CHARS} characters`;
  try {
    RE2JS.compile(source(pattern), RE2JS.CASE_INSENSITIVE);
    return undefined;
  } catch (err) {
    return `is not a valid pattern (${(err as Error).message})`;
  }
}

/** One program for all of a group's patterns, compiled once per settings version. */
export class AutoModerator {
  private readonly compiled = new Map<string, RE2JS | null>();

  /** Whether the text matches any of the group's patterns. */
  matches(settings: AutoModeration | null, groupId: string, text: string | null): boolean {
    if (!settings?.patterns.length || !text) return false;
    const key = `${groupId}\u0000${settings.version}`;
    let program = this.compiled.get(key);
    if (program === undefined) {
      for (const k of this.compiled.keys()) if (k.startsWith(`${groupId}\u0000`)) this.compiled.delete(k);
      try {
        program = RE2JS.compile(settings.patterns.map((p) => `(?:${source(p)})`).join('|'), RE2JS.CASE_INSENSITIVE);
      } catch {
        // Every pattern was checked when set; one that no longer compiles matches nothing.
        program = null;
      }
      this.compiled.set(key, program);
    }
    return program?.matcher(text).find() ?? false;
  }
}
