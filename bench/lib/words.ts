/** A small seeded generator, so every run writes the same texts. */
export function prng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
}

const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'ti', 'vo', 'ze', 'pa', 'qui', 'dor', 'bel', 'fan', 'gur', 'hex', 'jun', 'wex', 'yor', 'cli'];

/** Pseudo-words (unique, lowercase, 2–4 syllables) drawn with a Zipf law, like words in chat. */
export class Vocabulary {
  readonly words: string[];
  private readonly cumulative: Float64Array;

  constructor(size = 5000, seed = 42) {
    const rand = prng(seed);
    const seen = new Set<string>();
    while (seen.size < size) {
      const n = 2 + Math.floor(rand() * 3);
      let w = '';
      for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(rand() * SYLLABLES.length)];
      seen.add(w);
    }
    this.words = [...seen];
    this.cumulative = new Float64Array(size);
    let total = 0;
    for (let r = 0; r < size; r++) this.cumulative[r] = total += 1 / (r + 1);
    for (let r = 0; r < size; r++) this.cumulative[r]! /= total;
  }

  word(rand: () => number): string {
    const x = rand();
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return this.words[lo]!;
  }

  /** A chat-like line of 6–16 words. */
  sentence(rand: () => number): string {
    const n = 6 + Math.floor(rand() * 11);
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(this.word(rand));
    return out.join(' ');
  }

  /** A word of middling frequency (rank 50–1000): what people search for. */
  searchWord(rand: () => number): string {
    return this.words[50 + Math.floor(rand() * 950)]!;
  }
}
