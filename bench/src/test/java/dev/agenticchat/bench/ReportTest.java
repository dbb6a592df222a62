package dev.agenticchat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {

    private static final List<Row> ROWS = List.of(
            Row.atMost("burst 100", "ack p99", 500, "ms", 2.5, 250),
            Row.atLeast("concurrent 100", "turns/s", 60, "turns/s", 50),
            Row.measured("single", "ack p50", 20, "ms", 2.5),
            Row.info("memory", "gateway-service RSS", 190, "MiB"));

    @Test
    void a_row_says_met_or_missed_by_how_much_against_its_floor() {
        String md = Report.markdown(ROWS, "header");
        assertTrue(md.contains("| burst 100 | ack p99 | 500 ms | 2.50 ms | 200× | ≤ 250 ms | missed (2× over) |"), md);
        assertTrue(md.contains("| concurrent 100 | turns/s | 60 turns/s |  |  | ≥ 50 turns/s | met |"), md);
        assertTrue(md.contains("| single | ack p50 | 20 ms | 2.50 ms | 8× |  |  |"), md);
        assertNull(ROWS.get(3).met());
        assertFalse(ROWS.get(0).met());
    }

    @Test
    void a_throughput_short_of_its_target_says_by_how_much() {
        String md = Report.markdown(List.of(Row.atLeast("c", "turns/s", 25, "turns/s", 50)), "h");
        assertTrue(md.contains("missed (2× short)"), md);
    }

    @Test
    void rewrites_only_what_is_between_the_markers() {
        String readme = "intro\n" + Report.BEGIN + "\nold table\n" + Report.END + "\noutro\n";
        String updated = Report.replaceBetweenMarkers(readme, "new table\n");
        assertEquals("intro\n" + Report.BEGIN + "\nnew table\n" + Report.END + "\noutro\n", updated);
        assertEquals(updated, Report.replaceBetweenMarkers(updated, "new table\n"));
    }

    @Test
    void a_readme_without_markers_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> Report.replaceBetweenMarkers("no markers", "t"));
    }

    @Test
    void the_chart_is_self_contained() {
        String html = Report.html(ROWS, "h <b>", "{\"a\":1}");
        assertTrue(html.contains("<svg"));
        assertFalse(html.contains("<script"));
        assertFalse(html.contains("http://") && html.contains("src="));
        assertTrue(html.contains("h &lt;b&gt;"));
    }

    @Test
    void heap_in_use_is_the_generations_summed_without_metaspace() {
        String serial = """
                 def new generation   total 19712K, used 15001K [0x00000000e8000000, 0x00000000e9560000)
                  eden space 17536K,  84% used [0x00000000e8000000, 0x00000000e8e8b160)
                 tenured generation   total 43712K, used 25528K [0x00000000f0000000, 0x00000000f2ab0000)
                   the space 43712K,  58% used [0x00000000f0000000, 0x00000000f18ee168)
                 Metaspace       used 71760K, committed 72448K, reserved 1114112K
                  class space    used 13123K, committed 13440K, reserved 1048576K
                """;
        assertEquals(15001 + 25528, Processes.heapUsedKb(serial));
        String g1 = """
                 garbage-first heap   total 262144K, used 12345K [0x0000000700000000, 0x0000000800000000)
                  region size 1024K, 3 young (3072K), 0 survivors (0K)
                 Metaspace       used 500K, committed 600K, reserved 1056768K
                """;
        assertEquals(12345, Processes.heapUsedKb(g1));
    }
}
