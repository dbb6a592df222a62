package dev.agenticchat.bench;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Waits until the suite is idle before a measurement: a suite keeps working after the load that
 * caused it (outbox relays, ingestion, and thirty minutes after a conversation's last message its
 * summary, so a suite started after an earlier run summarises that run's conversations), and
 * whatever it does meanwhile is counted as the measured turns' CPU and delays them. Idle is the
 * suite's processes (not the bench) together using at most {@code maxCores} over a window.
 */
final class Quiet {
    static final long WINDOW_MS = 3_000;

    /** What one wait found: how long it waited and the suite's CPU (in cores) over its last window. */
    record Wait(double seconds, double cores, boolean quiet, String busiest) {
    }

    private Quiet() {
    }

    static Wait await(Supplier<Map<String, Double>> cpuSeconds, double maxCores, long maxWaitMs, String before)
            throws InterruptedException {
        return await(cpuSeconds, maxCores, maxWaitMs, WINDOW_MS, before);
    }

    static Wait await(Supplier<Map<String, Double>> cpuSeconds, double maxCores, long maxWaitMs, long windowMs,
                      String before) throws InterruptedException {
        long start = System.nanoTime();
        long lastReport = 0;
        while (true) {
            Map<String, Double> a = cpuSeconds.get();
            long t0 = System.nanoTime();
            Thread.sleep(windowMs);
            Map<String, Double> b = cpuSeconds.get();
            double window = (System.nanoTime() - t0) / 1e9;
            Map<String, Double> cores = cores(a, b, window);
            double total = cores.values().stream().mapToDouble(Double::doubleValue).sum();
            double waited = (System.nanoTime() - start) / 1e9;
            if (total <= maxCores || waited * 1000 >= maxWaitMs) {
                return new Wait(waited, total, total <= maxCores, busiest(cores));
            }
            if (lastReport == 0 || System.nanoTime() - lastReport > 30e9) {
                System.out.printf("bench: before %s: the suite is busy (%.2f cores over %.0f s, most in %s); waiting for"
                        + " it to go idle (≤ %.2f cores, --quiet-cores), at most %d s (--quiet-wait-s)%n", before, total,
                        windowMs / 1000.0, busiest(cores), maxCores, maxWaitMs / 1000);
                lastReport = System.nanoTime();
            }
        }
    }

    /** Each suite process's CPU in cores between two snapshots {@code seconds} apart; the bench's own left out. */
    static Map<String, Double> cores(Map<String, Double> before, Map<String, Double> after, double seconds) {
        Map<String, Double> cores = new LinkedHashMap<>();
        after.forEach((process, cpu) -> {
            if (!Processes.BENCH.equals(process) && before.containsKey(process)) {
                cores.put(process, Math.max(0, cpu - before.get(process)) / seconds);
            }
        });
        return cores;
    }

    /** The three busiest processes, e.g. {@code agent-service 0.62, llm-simulator 0.20, postgres 0.11}. */
    static String busiest(Map<String, Double> cores) {
        return cores.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
                .limit(3).map(e -> e.getKey() + String.format(" %.2f", e.getValue())).collect(Collectors.joining(", "));
    }
}
