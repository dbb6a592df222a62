package dev.agenticchat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {

    private static List<Double> oneTo(int n) {
        List<Double> values = new ArrayList<>();
        for (int i = n; i >= 1; i--) {
            values.add((double) i);
        }
        return values;
    }

    @Test
    void percentiles_are_nearest_rank_over_the_values_in_any_order() {
        Stats.Summary s = Stats.Summary.of(oneTo(100));
        assertEquals(50, s.p50());
        assertEquals(90, s.p90());
        assertEquals(99, s.p99());
        assertEquals(100, s.max());
        assertEquals(50.5, s.mean(), 1e-9);
    }

    @Test
    void p99_of_a_few_values_is_their_maximum() {
        assertEquals(10, Stats.Summary.of(oneTo(10)).p99());
        assertEquals(5, Stats.Summary.of(oneTo(10)).p50());
        assertEquals(7, Stats.Summary.of(List.of(7.0)).p99());
    }

    @Test
    void nothing_measured_is_not_a_number_rather_than_zero() {
        Stats.Summary s = Stats.Summary.of(List.of());
        assertEquals(0, s.n());
        assertTrue(Double.isNaN(s.p99()));
    }

    @Test
    void recall_counts_the_exact_results_found_once_each() {
        assertEquals(0.5, Stats.recall(List.of("a", "x", "b", "b"), List.of("a", "b", "c", "d")));
        assertEquals(1.0, Stats.recall(List.of("d", "c", "b", "a"), List.of("a", "b", "c", "d")));
        assertEquals(0.0, Stats.recall(List.of(), List.of("a")));
    }

    @Test
    void rank_fusion_prefers_what_both_rankings_hold_and_keeps_top_k() {
        List<String> fused = RankFusion.fuse(List.of("a", "b", "c"), List.of("c", "d", "a"), 2);
        // a: 1/61 + 1/63, c: 1/63 + 1/61 (equal; first seen wins), b: 1/62, d: 1/62
        assertEquals(List.of("a", "c"), fused);
        assertEquals(List.of("x", "y"), RankFusion.fuse(List.of("x"), List.of("y"), 5));
    }
}
