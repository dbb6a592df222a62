package dev.agenticchat.retrieval.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reciprocal rank fusion: a passage scores the sum of 1 / (k + rank) over the ranked lists it
 * is in (rank from 1). Ranks, not raw scores, are fused, because ts_rank_cd and cosine
 * similarity live on scales that cannot be compared.
 */
final class RankFusion {
    static final int K = 60;

    private RankFusion() {
    }

    static List<Scored> fuse(List<Scored> first, List<Scored> second) {
        Map<UUID, Double> scores = new LinkedHashMap<>();
        for (List<Scored> ranking : List.of(first, second)) {
            for (int rank = 1; rank <= ranking.size(); rank++) {
                scores.merge(ranking.get(rank - 1).chunkId(), 1.0 / (K + rank), Double::sum);
            }
        }
        List<Scored> fused = new ArrayList<>();
        scores.forEach((id, score) -> fused.add(new Scored(id, score)));
        fused.sort(Comparator.comparingDouble(Scored::score).reversed());
        return fused;
    }

    record Scored(UUID chunkId, double score) {
    }
}
