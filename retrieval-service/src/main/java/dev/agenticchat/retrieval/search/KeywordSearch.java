package dev.agenticchat.retrieval.search;

import dev.agenticchat.retrieval.knowledgebase.KnowledgeBase;
import dev.agenticchat.retrieval.search.RankFusion.Scored;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The exact keyword ranking ({@link ChunkSearchRepository#keyword}) without scoring every passage that
 * holds a common word. A question's common words ("system", "use") are in most passages of a large
 * knowledge base, and ranking all of those is what made a keyword search of 100k passages take a
 * second. The ranking scores a passage by how many of the query's parts it holds (plus a rank below 1),
 * so a passage holding none of the {@code i} rarest words scores below {@code n - i + 1} for {@code n}
 * words: once the {@code limit}-th best passage among those holding one of the {@code i} rarest words
 * scores at least that, no other passage can enter the list, and the answer is the exact one (max-score
 * pruning). Which words are rare is read from a sample of the knowledge base's own passages, kept a few
 * minutes; it decides only how much is read, never what is found.
 */
@Singleton
class KeywordSearch {
    /** Passages sampled for word frequencies, and the most common lexemes kept of them. */
    static final int SAMPLE_PASSAGES = 1_000;
    static final int COMMON_LEXEMES = 256;
    /** A word in at least this share of the sample is common: it is added to the candidates only if needed. */
    static final double COMMON_SHARE = 0.02;
    private static final Duration STATISTICS_AGE = Duration.ofMinutes(10);
    private static final int KNOWLEDGE_BASES_KEPT = 1_000;

    private record Statistics(Map<String, Double> shares, long readAt) {
    }

    private final ChunkSearchRepository chunks;
    private final Map<UUID, Statistics> statistics = new ConcurrentHashMap<>();

    KeywordSearch(ChunkSearchRepository chunks) {
        this.chunks = chunks;
    }

    List<Scored> search(KnowledgeBase kb, KeywordQuery query, int limit) {
        if (query.isEmpty()) {
            return List.of();
        }
        List<String> words = query.words();
        if (!query.phrases().isEmpty() || words.size() < 2) {
            // Every passage must hold every phrase anyway, which is what narrows the search then.
            return chunks.keyword(kb, query, words, limit);
        }
        List<Word> byRarity = byRarity(kb, words);
        List<String> ordered = byRarity.stream().map(Word::text).toList();
        int n = ordered.size();
        if (n == 0) {
            return List.of(); // only stop words: nothing to match, as the full ranking finds
        }
        int i = Math.max(1, (int) byRarity.stream().filter(w -> w.share() < COMMON_SHARE).count());
        while (true) {
            List<Scored> hits = chunks.keyword(kb, query, ordered.subList(0, i), limit);
            if (i >= n) {
                return hits;
            }
            if (hits.size() == limit) {
                double last = hits.get(limit - 1).score();
                if (last >= n - i + 1) {
                    return hits;
                }
                // More candidates only raise the limit-th score: add at least as many words as it is short by.
                i = Math.min(n, Math.max(i + 1, n + 1 - (int) Math.floor(last)));
            } else {
                i++;
            }
        }
    }

    /** A word of the query and the share of sampled passages holding it. */
    record Word(String text, double share) {
    }

    /** The words, those found in fewest sampled passages first; stop words (no lexeme, no part of the ranking) left out. */
    private List<Word> byRarity(KnowledgeBase kb, List<String> words) {
        List<List<String>> lexemes = chunks.lexemes(words);
        Map<String, Double> shares = statistics(kb).shares();
        List<Word> ordered = new ArrayList<>();
        for (int k = 0; k < words.size(); k++) {
            List<String> of = lexemes.get(k);
            if (!of.isEmpty()) {
                // A word of several lexemes matches only where all are: it is as rare as its rarest.
                ordered.add(new Word(words.get(k), of.stream().mapToDouble(l -> shares.getOrDefault(l, 0.0)).min().orElse(0)));
            }
        }
        ordered.sort(Comparator.comparingDouble(Word::share));
        return ordered;
    }

    private Statistics statistics(KnowledgeBase kb) {
        long now = System.nanoTime();
        Statistics known = statistics.get(kb.id());
        if (known != null && now - known.readAt() < STATISTICS_AGE.toNanos()) {
            return known;
        }
        if (statistics.size() >= KNOWLEDGE_BASES_KEPT) {
            statistics.clear();
        }
        Statistics read = new Statistics(chunks.commonLexemes(kb, SAMPLE_PASSAGES, COMMON_LEXEMES), now);
        statistics.put(kb.id(), read);
        return read;
    }
}
