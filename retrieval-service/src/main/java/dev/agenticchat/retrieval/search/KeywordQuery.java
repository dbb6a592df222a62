package dev.agenticchat.retrieval.search;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A keyword query as people type it: words, any of which may match; {@code "quoted phrases"},
 * each of which must match as a phrase; {@code -word} and {@code -"phrase"}, which must not.
 * Parsed here rather than by {@code websearch_to_tsquery}, which requires every word and so
 * finds nothing for a question; each part reaches Postgres as a bound parameter of
 * {@code plainto_tsquery} or {@code phraseto_tsquery}, which read no operators, so the text
 * cannot change the query's structure.
 */
record KeywordQuery(List<String> words, List<String> phrases, List<String> excluded) {
    /** More parts than any question needs; the rest is ignored so one query cannot make a huge tsquery. */
    static final int MAX_PARTS = 32;

    static KeywordQuery parse(String text) {
        Set<String> words = new LinkedHashSet<>();
        Set<String> phrases = new LinkedHashSet<>();
        Set<String> excluded = new LinkedHashSet<>();
        int i = 0;
        int n = text.length();
        while (i < n && words.size() + phrases.size() + excluded.size() < MAX_PARTS) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            boolean negated = c == '-';
            int start = negated ? i + 1 : i;
            if (start < n && text.charAt(start) == '"') {
                int close = text.indexOf('"', start + 1);
                int end = close < 0 ? n : close;
                addIfPresent(negated ? excluded : phrases, text.substring(start + 1, end));
                i = close < 0 ? n : close + 1;
                continue;
            }
            int end = start;
            while (end < n && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != '"') {
                end++;
            }
            String word = text.substring(start, end);
            if (negated) {
                addIfPresent(excluded, stripLeadingDashes(word));
            } else {
                addIfPresent(words, word);
            }
            i = Math.max(end, i + 1);
        }
        return new KeywordQuery(List.copyOf(words), List.copyOf(phrases), List.copyOf(excluded));
    }

    /** Nothing a passage could match: no words or phrases (only exclusions, or nothing at all). */
    boolean isEmpty() {
        return words.isEmpty() && phrases.isEmpty();
    }

    private static void addIfPresent(Set<String> parts, String part) {
        String trimmed = part.strip();
        if (!trimmed.isEmpty()) {
            parts.add(trimmed.toLowerCase(Locale.ROOT));
        }
    }

    private static String stripLeadingDashes(String word) {
        int k = 0;
        while (k < word.length() && word.charAt(k) == '-') {
            k++;
        }
        return word.substring(k);
    }
}
