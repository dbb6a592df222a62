package dev.agenticchat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class QuietTest {

    /** CPU seconds of a suite whose agent-service is busy (one core) for the first {@code busyReads} reads. */
    private static Supplier<Map<String, Double>> suite(int busyReads) {
        double[] agent = {0};
        int[] reads = {0};
        long start = System.nanoTime();
        return () -> {
            double elapsed = (System.nanoTime() - start) / 1e9;
            if (reads[0]++ < busyReads) {
                agent[0] = elapsed; // one core since the start
            }
            Map<String, Double> cpu = new LinkedHashMap<>();
            cpu.put("agent-service", agent[0]);
            cpu.put("postgres", 0.0);
            cpu.put(Processes.BENCH, elapsed * 4); // the bench's own CPU never counts
            return cpu;
        };
    }

    @Test
    void an_idle_suite_is_measured_after_one_window() throws Exception {
        Quiet.Wait wait = Quiet.await(suite(0), 0.3, 10_000, 50, "test");
        assertTrue(wait.quiet());
        assertEquals(0, wait.cores(), 1e-9);
        assertTrue(wait.seconds() < 1, "waited " + wait.seconds());
    }

    @Test
    void a_busy_suite_is_waited_for_until_it_goes_idle() throws Exception {
        Quiet.Wait wait = Quiet.await(suite(4), 0.3, 10_000, 50, "test");
        assertTrue(wait.quiet());
        assertTrue(wait.seconds() >= 0.1, "waited only " + wait.seconds());
    }

    @Test
    void a_suite_that_stays_busy_is_measured_anyway_once_the_wait_is_over_and_says_so() throws Exception {
        Quiet.Wait wait = Quiet.await(suite(Integer.MAX_VALUE), 0.3, 200, 50, "test");
        assertFalse(wait.quiet());
        assertTrue(wait.cores() > 0.5, "cores " + wait.cores());
        assertTrue(wait.busiest().startsWith("agent-service"), wait.busiest());
    }

    @Test
    void cores_leave_out_the_bench_and_processes_not_seen_before() {
        Map<String, Double> cores = Quiet.cores(Map.of("agent-service", 1.0, Processes.BENCH, 0.0),
                Map.of("agent-service", 2.5, Processes.BENCH, 9.0, "kafka", 5.0), 3.0);
        assertEquals(Map.of("agent-service", 0.5), cores);
    }
}
