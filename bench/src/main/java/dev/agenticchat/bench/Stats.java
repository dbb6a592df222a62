package dev.agenticchat.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/** Percentiles (nearest rank) and recall, the arithmetic every result is built from. */
final class Stats {

    private Stats() {
    }

    /** A latency distribution in milliseconds; {@code n} 0 means nothing was measured and the rest is NaN. */
    record Summary(int n, double p50, double p90, double p99, double max, double mean) {

        static Summary of(Collection<Double> values) {
            if (values.isEmpty()) {
                return new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            }
            List<Double> sorted = new ArrayList<>(values);
            Collections.sort(sorted);
            double sum = 0;
            for (double v : sorted) {
                sum += v;
            }
            return new Summary(sorted.size(), percentile(sorted, 50), percentile(sorted, 90), percentile(sorted, 99),
                    sorted.get(sorted.size() - 1), sum / sorted.size());
        }
    }

    /**
     * Nearest-rank percentile of ascending values: the smallest value with at least {@code p} % of the values at or
     * below it, so p99 of 100 values is the 99th and of 10 values the 10th (the maximum).
     */
    static double percentile(List<Double> sortedAscending, double p) {
        if (sortedAscending.isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sortedAscending.size());
        return sortedAscending.get(Math.max(0, Math.min(sortedAscending.size(), rank) - 1));
    }

    /** Share of the exact top-k that the answer found: |found ∩ exact| / |exact|; 1 when exact is empty. */
    static <T> double recall(List<T> found, List<T> exact) {
        if (exact.isEmpty()) {
            return 1.0;
        }
        Set<T> wanted = Set.copyOf(exact);
        long hits = found.stream().distinct().filter(wanted::contains).count();
        return (double) hits / wanted.size();
    }
}
