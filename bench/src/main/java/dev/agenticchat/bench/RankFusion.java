package dev.agenticchat.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reciprocal rank fusion as retrieval-service documents it (score = Σ 1/(60 + rank), rank from 1), so the bench can
 * fuse the exact keyword and exact vector rankings into the exact hybrid answer its search is compared with.
 */
final class RankFusion {

    static final int K = 60;

    private RankFusion() {
    }

    static <T> List<T> fuse(List<T> first, List<T> second, int topK) {
        Map<T, Double> scores = new LinkedHashMap<>();
        add(scores, first);
        add(scores, second);
        List<Map.Entry<T, Double>> entries = new ArrayList<>(scores.entrySet());
        entries.sort(Map.Entry.<T, Double>comparingByValue(Comparator.reverseOrder()));
        return entries.stream().limit(topK).map(Map.Entry::getKey).toList();
    }

    private static <T> void add(Map<T, Double> scores, List<T> ranking) {
        for (int i = 0; i < ranking.size(); i++) {
            scores.merge(ranking.get(i), 1.0 / (K + i + 1), Double::sum);
        }
    }
}
