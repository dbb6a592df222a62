package dev.agenticchat.e2e.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * deploy/grafana/agentic-chat.json imports into Grafana 10+: its schema, a Prometheus data source
 * variable every query goes through, and quantiles read from histogram buckets. Which metrics it
 * may name is MetricsE2EIT's part: it compares them with the services' scrapes.
 */
class GrafanaDashboardTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void is_a_grafana_10_dashboard_whose_every_query_reads_the_chosen_prometheus() throws Exception {
        JsonNode dashboard = JSON.readTree(Files.readString(Repo.path("deploy/grafana/agentic-chat.json")));

        assertThat(dashboard.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(36);
        assertThat(dashboard.path("uid").asText()).isNotBlank();
        JsonNode datasource = dashboard.path("templating").path("list").get(0);
        assertThat(datasource.path("type").asText()).isEqualTo("datasource");
        assertThat(datasource.path("query").asText()).isEqualTo("prometheus");
        List<JsonNode> panels = new ArrayList<>();
        dashboard.path("panels").forEach(panels::add);
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : panels) {
            assertThat(ids.add(panel.path("id").asInt())).as("panel id " + panel.path("id")).isTrue();
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            assertThat(panel.path("datasource").path("uid").asText()).as(panel.path("title").asText()).isEqualTo("${datasource}");
            assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
            panel.path("targets").forEach(target -> {
                assertThat(target.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
                String expr = target.path("expr").asText();
                assertThat(expr).as(panel.path("title").asText()).contains("service=~\"$service\"");
                if (expr.contains("histogram_quantile")) {
                    assertThat(expr).contains("_bucket", "le");
                }
            });
        }
        assertThat(panels.stream().filter(p -> p.path("title").asText().contains("p50, p95, p99"))).hasSizeGreaterThanOrEqualTo(3);
    }
}
