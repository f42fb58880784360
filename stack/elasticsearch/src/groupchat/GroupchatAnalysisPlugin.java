package groupchat;

import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.core.LetterTokenizer;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.TrimFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenizer;
import org.apache.lucene.analysis.ngram.NGramTokenFilter;
import org.apache.lucene.analysis.ngram.NGramTokenizer;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractIndexAnalyzerProvider;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.AbstractTokenizerFactory;
import org.elasticsearch.index.analysis.Analysis;
import org.elasticsearch.index.analysis.AnalyzerProvider;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntPredicate;

/**
 * The official "analysis-common" module is NOT published to Maven Central for 8.x,
 * so this classpath plugin re-exposes a subset of it (same names and settings as
 * analysis-common) on top of Lucene's lucene-analysis-common jar, which the
 * server already depends on:
 *   analyzer:  cjk (stopwords, stopwords_path)
 *   tokenizer: edge_ngram, ngram (min_gram, max_gram, token_chars, custom_token_chars),
 *              whitespace, keyword, letter
 *   filter:    edge_ngram (min_gram, max_gram, preserve_original), ngram,
 *              cjk_width, cjk_bigram (ignored_scripts, output_unigrams), asciifolding
 *              (preserve_original), trim
 * ("lowercase" filter, "standard" tokenizer/analyzer, "stop", "shingle" etc. are in the server itself.)
 */
public class GroupchatAnalysisPlugin extends Plugin implements AnalysisPlugin {

    @Override
    public Map<String, AnalysisProvider<AnalyzerProvider<? extends org.apache.lucene.analysis.Analyzer>>> getAnalyzers() {
        Map<String, AnalysisProvider<AnalyzerProvider<? extends org.apache.lucene.analysis.Analyzer>>> m = new TreeMap<>();
        m.put("cjk", CjkAnalyzerProvider::new);
        return m;
    }

    @Override
    public Map<String, AnalysisProvider<TokenizerFactory>> getTokenizers() {
        Map<String, AnalysisProvider<TokenizerFactory>> m = new TreeMap<>();
        m.put("edge_ngram", (is, env, name, s) -> new NGramTokenizerFactory(is, s, name, true));
        m.put("ngram", (is, env, name, s) -> new NGramTokenizerFactory(is, s, name, false));
        m.put("whitespace", (is, env, name, s) -> simpleTokenizer(is, s, name, () -> {
            int max = s.getAsInt("max_token_length", 255);
            return new WhitespaceTokenizer(WhitespaceTokenizer.DEFAULT_TOKEN_ATTRIBUTE_FACTORY, max);
        }));
        m.put("keyword", (is, env, name, s) -> simpleTokenizer(is, s, name,
            () -> new KeywordTokenizer(s.getAsInt("buffer_size", 256))));
        m.put("letter", (is, env, name, s) -> simpleTokenizer(is, s, name, LetterTokenizer::new));
        return m;
    }

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        Map<String, AnalysisProvider<TokenFilterFactory>> m = new TreeMap<>();
        m.put("edge_ngram", (is, env, name, s) -> {
            int min = s.getAsInt("min_gram", 1);
            int max = s.getAsInt("max_gram", 2);
            boolean preserve = s.getAsBoolean("preserve_original", false);
            return filter(name, s, ts -> new EdgeNGramTokenFilter(ts, min, max, preserve));
        });
        m.put("ngram", (is, env, name, s) -> {
            int min = s.getAsInt("min_gram", 1);
            int max = s.getAsInt("max_gram", 2);
            checkNgramDiff(is, min, max, name);
            boolean preserve = s.getAsBoolean("preserve_original", false);
            return filter(name, s, ts -> new NGramTokenFilter(ts, min, max, preserve));
        });
        m.put("cjk_width", (is, env, name, s) -> filter(name, s, CJKWidthFilter::new));
        m.put("cjk_bigram", (is, env, name, s) -> {
            int flags = CJKBigramFilter.HAN | CJKBigramFilter.HIRAGANA | CJKBigramFilter.KATAKANA | CJKBigramFilter.HANGUL;
            for (String script : s.getAsList("ignored_scripts", List.of())) {
                switch (script.toLowerCase(Locale.ROOT)) {
                    case "han" -> flags &= ~CJKBigramFilter.HAN;
                    case "hiragana" -> flags &= ~CJKBigramFilter.HIRAGANA;
                    case "katakana" -> flags &= ~CJKBigramFilter.KATAKANA;
                    case "hangul" -> flags &= ~CJKBigramFilter.HANGUL;
                    default -> throw new IllegalArgumentException("unknown script [" + script + "] for [" + name + "]");
                }
            }
            final int f = flags;
            boolean unigrams = s.getAsBoolean("output_unigrams", false);
            return filter(name, s, ts -> new CJKBigramFilter(ts, f, unigrams));
        });
        m.put("asciifolding", (is, env, name, s) -> {
            boolean preserve = s.getAsBoolean("preserve_original", false);
            return filter(name, s, ts -> new ASCIIFoldingFilter(ts, preserve));
        });
        m.put("trim", (is, env, name, s) -> filter(name, s, TrimFilter::new));
        return m;
    }

    // ---------------------------------------------------------------- helpers

    interface TokenizerSupplier { Tokenizer get(); }
    interface FilterFn { TokenStream apply(TokenStream in); }

    static TokenizerFactory simpleTokenizer(IndexSettings is, Settings s, String name, TokenizerSupplier sup) {
        return new AbstractTokenizerFactory(is, s, name) {
            @Override
            public Tokenizer create() { return sup.get(); }
        };
    }

    static TokenFilterFactory filter(String name, Settings s, FilterFn fn) {
        return new AbstractTokenFilterFactory(name, s) {
            @Override
            public TokenStream create(TokenStream ts) { return fn.apply(ts); }
        };
    }

    static void checkNgramDiff(IndexSettings is, int min, int max, String name) {
        int maxAllowed = is.getMaxNgramDiff();
        if (max - min > maxAllowed) {
            throw new IllegalArgumentException("The difference between max_gram and min_gram in NGram Tokenizer must be less than or equal to: ["
                + maxAllowed + "] but was [" + (max - min) + "]. This limit can be set by changing the ["
                + IndexSettings.MAX_NGRAM_DIFF_SETTING.getKey() + "] index level setting.");
        }
    }

    static final class CjkAnalyzerProvider extends AbstractIndexAnalyzerProvider<CJKAnalyzer> {
        private final CJKAnalyzer analyzer;

        CjkAnalyzerProvider(IndexSettings is, Environment env, String name, Settings s) {
            super(name, s);
            CharArraySet stop = Analysis.parseStopWords(env, s, CJKAnalyzer.getDefaultStopSet());
            analyzer = new CJKAnalyzer(stop);
        }

        @Override
        public CJKAnalyzer get() { return analyzer; }
    }

    /** ngram / edge_ngram tokenizer with analysis-common compatible token_chars handling. */
    static final class NGramTokenizerFactory extends AbstractTokenizerFactory {
        private final int min, max;
        private final boolean edge;
        private final IntPredicate matcher;

        NGramTokenizerFactory(IndexSettings is, Settings s, String name, boolean edge) {
            super(is, s, name);
            this.edge = edge;
            this.min = s.getAsInt("min_gram", 1);
            this.max = s.getAsInt("max_gram", 2);
            if (edge == false) checkNgramDiff(is, min, max, name);
            List<String> tokenChars = s.getAsList("token_chars", List.of());
            String custom = s.get("custom_token_chars", "");
            this.matcher = tokenChars.isEmpty() ? null : buildMatcher(tokenChars, custom, name);
        }

        static IntPredicate buildMatcher(List<String> classes, String custom, String name) {
            IntPredicate p = c -> false;
            for (String cls : classes) {
                IntPredicate q = switch (cls.toLowerCase(Locale.ROOT)) {
                    case "letter" -> Character::isLetter;
                    case "digit" -> Character::isDigit;
                    case "whitespace" -> Character::isWhitespace;
                    case "punctuation" -> c -> switch (Character.getType(c)) {
                        case Character.START_PUNCTUATION, Character.END_PUNCTUATION, Character.OTHER_PUNCTUATION,
                            Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                            Character.FINAL_QUOTE_PUNCTUATION -> true;
                        default -> false;
                    };
                    case "symbol" -> c -> switch (Character.getType(c)) {
                        case Character.CURRENCY_SYMBOL, Character.MATH_SYMBOL, Character.OTHER_SYMBOL, Character.MODIFIER_SYMBOL -> true;
                        default -> false;
                    };
                    case "custom" -> c -> custom.codePoints().anyMatch(x -> x == c);
                    default -> throw new IllegalArgumentException("Unknown token type: '" + cls + "' in [" + name + "]");
                };
                p = p.or(q);
            }
            return p;
        }

        @Override
        public Tokenizer create() {
            if (matcher == null) {
                return edge ? new EdgeNGramTokenizer(min, max) : new NGramTokenizer(min, max);
            }
            final IntPredicate m = matcher;
            return edge ? new EdgeNGramTokenizer(min, max) {
                @Override
                protected boolean isTokenChar(int chr) { return m.test(chr); }
            } : new NGramTokenizer(min, max) {
                @Override
                protected boolean isTokenChar(int chr) { return m.test(chr); }
            };
        }
    }
}
