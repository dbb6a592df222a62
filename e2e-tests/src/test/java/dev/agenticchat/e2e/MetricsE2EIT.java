package dev.agenticchat.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenticchat.contracts.Topics;
import dev.agenticchat.support.testing.Scrape;
import dev.agenticchat.support.testing.TestKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The six services' scrapes around one stretch of real use: a turn that makes a chart, an
 * uploaded document, a mailed code, a refused artifact and a poison record. Every assertion
 * compares the scrape before with the one after; the Grafana dashboard may use only what the
 * services expose, and shows every {@code agentic_} metric they do.
 */
class MetricsE2EIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TURN = Duration.ofSeconds(60);
    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final Pattern METRIC = Pattern.compile("\\b((?:agentic|jvm|process|http_server|hikaricp|executor|system)_[a-z0-9_]+)\\b");
    private static final Pattern HISTOGRAM_PART = Pattern.compile("_(bucket|count|sum|max)$");
    private static RunningSuite suite;
    private static Api api;

    @BeforeAll
    static void startSuite() {
        suite = RunningSuite.get();
        api = new Api(suite);
    }

    @Test
    void a_turn_an_upload_a_mail_a_refusal_and_a_poison_record_move_every_services_meters_and_the_dashboard_shows_them()
            throws Exception {
        Map<String, Scrape> before = scrapeAll();
        Api.Session session = api.anonymousSession();
        String token = session.accessToken();

        try (WsClient ws = WsClient.authenticated(suite, token)) {
            assertThat(Scrape.of(suite.managementPort("gateway-service")).value("agentic_websocket_sessions"))
                    .isGreaterThan(before.get("gateway-service").value("agentic_websocket_sessions"));
            ws.send(Map.of("type", "user_message", "content", "make a bar chart of quarterly sales",
                    "client_message_id", UUID.randomUUID().toString()));
            ws.awaitType("turn_completed", TURN);
            assertThat(ws.received()).anySatisfy(frame -> assertThat(frame.path("type").asText()).isEqualTo("artifact_created"));

            Api.Response kb = api.post("/api/knowledge-bases", token, Map.of("name", "Metrics handbook"));
            String kbId = kb.body().path("id").asText();
            Api.Response upload = api.upload("/api/knowledge-bases/" + kbId + "/documents", token, "metrics.txt",
                    "The cafeteria opens at eight. Remote work is possible on Fridays.".getBytes(StandardCharsets.UTF_8));
            assertThat(upload.status()).isEqualTo(202);
            String documentId = upload.body().path("id").asText();
            ws.await(f -> f.path("type").asText().equals("document_progress") && f.path("document_id").asText().equals(documentId)
                    && f.path("status").asText().equals("indexed"), SETTLE);
        }
        String email = "metrics-" + UUID.randomUUID() + "@e2e.example";
        assertThat(api.post("/api/auth/otp/request", token, Map.of("email", email, "purpose", "link_session")).status()).isEqualTo(202);
        await().atMost(SETTLE).until(() -> Api.codeMailedTo(suite.mail(), email).isPresent());
        assertThat(api.post("/api/artifacts", token, Map.of("type", "chart", "content", Map.of("title", "No data"))).status())
                .isEqualTo(422);
        // No CloudEvents headers: notification-service's mail consumer parks it on the topic's .dlq.
        TestKafka.send(Topics.NOTIFICATION_REQUESTS, "poison-" + UUID.randomUUID(), "not an event".getBytes(StandardCharsets.UTF_8),
                Map.of());

        await().atMost(SETTLE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Map<String, Scrape> after = scrapeAll();
            Scrape agent = after.get("agent-service");
            Scrape was = before.get("agent-service");
            assertThat(moved(was, agent, "agentic_turn_duration_seconds_count", Map.of("outcome", "completed"))).isEqualTo(1);
            assertThat(moved(was, agent, "agentic_turn_first_delta_seconds_count", Map.of())).isEqualTo(1);
            assertThat(moved(was, agent, "agentic_model_call_duration_seconds_count", Map.of("purpose", "turn", "outcome", "ok")))
                    .isEqualTo(2);
            assertThat(moved(was, agent, "agentic_model_tokens_total", Map.of("direction", "output"))).isPositive();
            assertThat(moved(was, agent, "agentic_tool_calls_total", Map.of("tool", "create_chart_artifact", "outcome", "completed")))
                    .isEqualTo(1);

            Scrape artifact = after.get("artifact-service");
            assertThat(moved(before.get("artifact-service"), artifact, "agentic_artifact_creations_total", Map.of("type", "chart")))
                    .isEqualTo(1);
            assertThat(moved(before.get("artifact-service"), artifact, "agentic_artifact_rejections_total", Map.of("type", "chart")))
                    .isEqualTo(1);

            Scrape gateway = after.get("gateway-service");
            Scrape gatewayWas = before.get("gateway-service");
            assertThat(moved(gatewayWas, gateway, "agentic_websocket_frames_total", Map.of("direction", "in", "type", "user_message")))
                    .isEqualTo(1);
            assertThat(moved(gatewayWas, gateway, "agentic_websocket_frames_total", Map.of("direction", "out", "type", "turn_completed")))
                    .isEqualTo(1);
            assertThat(moved(gatewayWas, gateway, "agentic_websocket_frames_total", Map.of("direction", "out", "type", "text_delta")))
                    .isPositive();
            assertThat(gateway.value("agentic_websocket_sessions")).as("the socket closed")
                    .isLessThanOrEqualTo(gatewayWas.value("agentic_websocket_sessions"));

            Scrape retrieval = after.get("retrieval-service");
            assertThat(moved(before.get("retrieval-service"), retrieval, "agentic_ingestion_documents_total", Map.of("outcome", "indexed")))
                    .isEqualTo(1);
            assertThat(moved(before.get("retrieval-service"), retrieval, "agentic_ingestion_chunks_total", Map.of())).isPositive();

            Scrape notification = after.get("notification-service");
            assertThat(moved(before.get("notification-service"), notification, "agentic_mails_sent_total", Map.of("template", "otp_code")))
                    .isEqualTo(1);
            assertThat(moved(before.get("notification-service"), notification, "agentic_kafka_dead_lettered_records_total",
                    Map.of("topic", Topics.NOTIFICATION_REQUESTS))).isEqualTo(1);

            Scrape chat = after.get("chat-service");
            assertThat(moved(before.get("chat-service"), chat, "http_server_requests_seconds_count", Map.of()))
                    .as("the gateway handed the message to chat-service").isPositive();
            for (String service : RunningSuite.SERVICES) {
                assertThat(after.get(service).has("agentic_outbox_backlog_rows", Map.of("service", service))).as(service).isTrue();
                assertThat(after.get(service).has("agentic_kafka_consumer_lag_records", Map.of("service", service))).as(service).isTrue();
            }
            assertThat(chat.value("agentic_kafka_consumer_lag_records", Map.of("group", "chat-service"))).isZero();
        });

        // Now that every labelled series exists: the dashboard reads what the services expose, all of it.
        Set<String> exposed = new TreeSet<>();
        scrapeAll().values().forEach(scrape -> exposed.addAll(scrape.names()));
        JsonNode dashboard = JSON.readTree(Files.readString(Path.of(System.getProperty("suite.root", "..")).resolve("deploy/grafana/agentic-chat.json")));

        Set<String> used = new TreeSet<>();
        for (JsonNode expression : dashboard.findValues("expr")) {
            used.addAll(metricsIn(expression.asText()));
        }
        dashboard.path("templating").path("list").forEach(variable -> used.addAll(metricsIn(variable.path("definition").asText())));

        assertThat(used).isNotEmpty();
        assertThat(exposed).as("every metric a panel or variable reads is scraped from some service").containsAll(used);
        Set<String> agenticFamilies = new TreeSet<>();
        exposed.stream().filter(name -> name.startsWith("agentic_")).map(MetricsE2EIT::family).forEach(agenticFamilies::add);
        Set<String> usedFamilies = new TreeSet<>();
        used.stream().map(MetricsE2EIT::family).forEach(usedFamilies::add);
        assertThat(usedFamilies).as("every agentic_ metric has a panel").containsAll(agenticFamilies);
    }

    @Test
    void the_gateways_public_port_and_its_proxied_prefixes_serve_no_metrics() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String path : List.of("/prometheus", "/metrics", "/api/prometheus", "/api/threads/prometheus", "/api/artifacts/../prometheus")) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(suite.gateway() + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isIn(400, 401, 403, 404);
            assertThat(response.body()).as(path).doesNotContain("jvm_memory_used_bytes");
        }
    }

    private static Set<String> metricsIn(String expression) {
        Set<String> names = new TreeSet<>();
        Matcher m = METRIC.matcher(expression);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static String family(String name) {
        return HISTOGRAM_PART.matcher(name).replaceFirst("");
    }

    /** Each service summed over its running instances: an earlier test's replica may run the turn. */
    private static Map<String, Scrape> scrapeAll() {
        Map<String, Scrape> scrapes = new LinkedHashMap<>();
        for (String service : RunningSuite.SERVICES) {
            scrapes.put(service, Scrape.sum(suite.runningInstances(service).stream()
                    .map(instance -> Scrape.of(suite.managementPort(instance))).toList()));
        }
        return scrapes;
    }

    private static double moved(Scrape before, Scrape after, String name, Map<String, String> labels) {
        return after.value(name, labels) - before.value(name, labels);
    }
}
