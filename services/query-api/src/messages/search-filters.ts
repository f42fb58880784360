/**
 * The filters a message search may carry in its text, as people type them in other chat
 * products: `from:ada`, `in:climbers` (a group name; quotes for spaces: `in:"rock gym"`),
 * `has:file|image|video|audio|link`, `before:2026-01-31`, `after:2026-01-01`. What is not a
 * filter is the text searched for. A token that looks like a filter but is not a valid one
 * stays text, so nothing typed is silently dropped.
 */
export const HAS = ['file', 'image', 'video', 'audio', 'link'] as const;
export type Has = (typeof HAS)[number];

export interface SearchFilters {
  text: string;
  from: string[];
  in: string[];
  has: Has[];
  /** Epoch ms bounds: messages sent before the start of `before`'s day, from the start of `after`'s day. */
  before?: number;
  after?: number;
}

const TOKEN = /(?<![^\s])(from|in|has|before|after):(?:"([^"\n]{1,100})"|(\S{1,100}))/g;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function parseSearchFilters(q: string): SearchFilters {
  const f: SearchFilters = { text: '', from: [], in: [], has: [] };
  const text = q.replace(TOKEN, (token, key: string, quoted?: string, bare?: string) => (apply(f, key, (quoted ?? bare)!) ? ' ' : token));
  f.text = text.replace(/\s+/g, ' ').trim();
  return f;
}

function apply(f: SearchFilters, key: string, value: string): boolean {
  switch (key) {
    case 'from':
      f.from.push(value.replace(/^@/, '').toLowerCase());
      return true;
    case 'in':
      f.in.push(value.toLowerCase());
      return true;
    case 'has':
      if (!(HAS as readonly string[]).includes(value.toLowerCase())) return false;
      f.has.push(value.toLowerCase() as Has);
      return true;
    default: {
      const ms = DAY.test(value) ? Date.parse(`${value}T00:00:00Z`) : NaN;
      if (Number.isNaN(ms)) return false;
      if (key === 'before') f.before = ms;
      else f.after = ms;
      return true;
    }
  }
}
