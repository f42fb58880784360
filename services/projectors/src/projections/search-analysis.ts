/**
 * Text analysis shared by the search indices (see docs/read-models.md): a folded full-text
 * field, edge n-grams for partial words, and CJK bigrams. Only analysers the local
 * Elasticsearch build ships are used (no ICU, no kuromoji).
 */
export const analysis = {
  normalizer: { lc: { type: 'custom', filter: ['lowercase'] } },
  tokenizer: { word_prefix: { type: 'edge_ngram', min_gram: 2, max_gram: 20, token_chars: ['letter', 'digit'] } },
  analyzer: {
    folded: { type: 'custom', tokenizer: 'standard', filter: ['lowercase', 'asciifolding'] },
    prefix: { type: 'custom', tokenizer: 'word_prefix', filter: ['lowercase', 'asciifolding'] },
  },
};

export const keyword = { type: 'keyword' };
export const lcKeyword = { type: 'keyword', normalizer: 'lc' };
export const date = { type: 'date' };

/** Full text with `.prefix` (partial words) and `.cjk` sub-fields, plus any extra sub-fields. */
export function searchable(extra: Record<string, unknown> = {}) {
  return {
    type: 'text',
    analyzer: 'folded',
    fields: { prefix: { type: 'text', analyzer: 'prefix', search_analyzer: 'folded' }, cjk: { type: 'text', analyzer: 'cjk' }, ...extra },
  };
}

export const iso = (ms: number) => new Date(ms).toISOString();
