package dev.agenticchat.notification.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenticchat.contracts.CloudEventHeaders;
import dev.agenticchat.contracts.events.ArtifactCreated;
import dev.agenticchat.contracts.events.BudgetThresholdReached;
import dev.agenticchat.contracts.events.TextDelta;
import dev.agenticchat.contracts.events.TurnCompleted;
import dev.agenticchat.contracts.events.TurnFailed;
import dev.agenticchat.notification.fixtures.Calls;
import dev.agenticchat.notification.fixtures.Calls.Reply;
import dev.agenticchat.notification.fixtures.PrivateTopics;
import dev.agenticchat.notification.fixtures.WebhookReceiver;
import dev.agenticchat.support.security.Role;
import dev.agenticchat.support.testing.Scrape;
import dev.agenticchat.support.testing.TestJwks;
import dev.agenticchat.support.testing.TestKafka;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Webhook subscriptions and signed, retried deliveries to a real HTTP receiver. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookIT implements TestPropertyProvider {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int managementPort = Scrape.freePort();
    private final TestJwks tokens = TestJwks.start();
    private final WebhookReceiver receiver = new WebhookReceiver();
    private final String artifactTopic = TestKafka.createTopic("notification-test.artifacts", 2);
    private final String agentTopic = TestKafka.createTopic("notification-test.agent", 2);
    private final String budgetTopic = TestKafka.createTopic("notification-test.budgets", 2);

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        return PrivateTopics.create().properties(Map.of(
                "micronaut.security.token.jwt.signatures.jwks.gateway.url", tokens.jwksUrl(),
                "agentic.metrics.port", String.valueOf(managementPort),
                "notification.webhooks.allow-private-targets", "true",
                "notification.webhooks.retry-schedule", "100ms,200ms,300ms",
                "notification.webhooks.poll-interval", "100ms",
                "notification.webhooks.topics", artifactTopic + "," + agentTopic + "," + budgetTopic));
    }

    @AfterAll
    void stop() {
        tokens.close();
        receiver.close();
    }

    @Test
    void delivers_every_durable_event_once_signed_although_the_first_attempts_fail() throws Exception {
        Scrape before = Scrape.of(managementPort);
        String tenant = UUID.randomUUID().toString();
        String url = receiver.endpoint("flaky-" + UUID.randomUUID(), 2);
        Reply created = create(tenant, url, List.of("*"));
        assertThat(created.status()).isEqualTo(201);
        receiver.secret(url, created.body().get("secret").toString());

        String turnEvent = publish(agentTopic, tenant, TurnCompleted.TYPE, "{\"turn_id\":\"t1\",\"content\":\"Hello\"}");
        String artifactEvent = publish(artifactTopic, tenant, ArtifactCreated.TYPE, "{\"artifact\":{\"id\":\"a1\"}}");
        publish(agentTopic, tenant, TextDelta.TYPE, "{\"delta\":\"Hel\"}");
        publish(agentTopic, UUID.randomUUID().toString(), TurnCompleted.TYPE, "{\"turn_id\":\"elsewhere\"}");

        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.accepted(url).size() >= 2);
        List<JsonNode> accepted = receiver.accepted(url).stream().map(r -> read(r.body())).toList();
        assertThat(accepted).extracting(event -> event.path("id").asText()).containsExactlyInAnyOrder(turnEvent, artifactEvent);
        assertThat(receiver.received(url)).allSatisfy(r -> {
            assertThat(r.signatureValid()).isTrue();
            assertThat(r.contentType()).isEqualTo("application/cloudevents+json");
        });
        assertThat(receiver.received(url)).hasSize(6);
        JsonNode turn = accepted.stream().filter(e -> e.path("id").asText().equals(turnEvent)).findFirst().orElseThrow();
        assertThat(turn.path("specversion").asText()).isEqualTo("1.0");
        assertThat(turn.path("type").asText()).isEqualTo(TurnCompleted.TYPE);
        assertThat(turn.path("tenantid").asText()).isEqualTo(tenant);
        assertThat(turn.path("datacontenttype").asText()).isEqualTo("application/json");
        assertThat(turn.at("/data/content").asText()).isEqualTo("Hello");

        Reply log = calls().send(HttpRequest.GET("/api/webhooks/" + created.body().get("id") + "/deliveries")
                .bearerAuth(admin(tenant)));
        assertThat(items(log)).hasSize(2).allSatisfy(delivery -> {
            assertThat(delivery).containsEntry("status", "delivered").containsEntry("attempts", 3);
            assertThat(delivery.get("last_status_code")).isEqualTo(204);
        });
        Scrape after = Scrape.of(managementPort);
        assertThat(after.value("agentic_webhooks_sent_total") - before.value("agentic_webhooks_sent_total")).isGreaterThanOrEqualTo(2);
        assertThat(after.value("agentic_webhooks_failed_total", Map.of("reason", "5xx"))
                - before.value("agentic_webhooks_failed_total", Map.of("reason", "5xx"))).isGreaterThanOrEqualTo(4);
    }

    @Test
    void delivers_a_budget_alert_signed_to_a_subscription_that_asked_for_budget_alerts_only() throws Exception {
        String tenant = UUID.randomUUID().toString();
        String url = receiver.endpoint("budgets-" + UUID.randomUUID(), 0);
        Reply created = create(tenant, url, List.of(BudgetThresholdReached.TYPE));
        assertThat(created.status()).isEqualTo(201);
        receiver.secret(url, created.body().get("secret").toString());
        String sample;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("samples/events/budget-threshold-reached.json")) {
            sample = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        publish(agentTopic, tenant, TurnCompleted.TYPE, "{\"turn_id\":\"t3\",\"content\":\"Not subscribed\"}");
        String alert = publish(budgetTopic, tenant, BudgetThresholdReached.TYPE, sample);

        await().atMost(Duration.ofSeconds(30)).until(() -> !receiver.accepted(url).isEmpty());
        JsonNode delivered = read(receiver.accepted(url).get(0).body());
        assertThat(delivered.path("id").asText()).isEqualTo(alert);
        assertThat(delivered.path("type").asText()).isEqualTo(BudgetThresholdReached.TYPE);
        assertThat(delivered.path("tenantid").asText()).isEqualTo(tenant);
        assertThat(delivered.path("data")).isEqualTo(JSON.readTree(sample));
        assertThat(receiver.received(url)).singleElement().satisfies(r -> {
            assertThat(r.signatureValid()).isTrue();
            assertThat(r.contentType()).isEqualTo("application/cloudevents+json");
        });
    }

    @Test
    void gives_up_and_disables_a_subscription_whose_target_keeps_failing() throws Exception {
        String tenant = UUID.randomUUID().toString();
        String url = receiver.endpoint("down-" + UUID.randomUUID(), Integer.MAX_VALUE);
        Reply created = create(tenant, url, List.of(TurnFailed.TYPE));
        receiver.secret(url, created.body().get("secret").toString());

        publish(agentTopic, tenant, TurnFailed.TYPE, "{\"turn_id\":\"t2\",\"code\":\"timeout\"}");

        String deliveries = "/api/webhooks/" + created.body().get("id") + "/deliveries";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(items(calls().send(HttpRequest.GET(deliveries)
                .bearerAuth(admin(tenant))))).singleElement().satisfies(delivery -> {
                    assertThat(delivery).containsEntry("status", "failed").containsEntry("attempts", 4);
                    assertThat(delivery.get("last_error")).isEqualTo("HTTP 500");
                }));
        assertThat(receiver.received(url)).hasSize(4);
        assertThat(items(calls().send(HttpRequest.GET("/api/webhooks").bearerAuth(admin(tenant)))))
                .singleElement().satisfies(subscription -> assertThat(subscription).containsEntry("status", "disabled"));
    }

    @Test
    void disables_a_subscription_at_once_when_its_target_answers_410_gone() {
        String tenant = UUID.randomUUID().toString();
        String url = receiver.endpointAnswering("gone-" + UUID.randomUUID(), 410);
        Reply created = create(tenant, url, List.of("*"));
        receiver.secret(url, created.body().get("secret").toString());

        publish(artifactTopic, tenant, ArtifactCreated.TYPE, "{\"artifact\":{\"id\":\"a2\"}}");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(items(calls().send(HttpRequest.GET("/api/webhooks")
                .bearerAuth(admin(tenant))))).singleElement().satisfies(s -> assertThat(s).containsEntry("status", "disabled")
                        .containsEntry("disabled_reason", "the target answered 410 Gone")));
        assertThat(receiver.received(url)).hasSize(1);
    }

    @Test
    void only_tenant_admins_manage_webhooks_and_the_secret_is_shown_once() {
        String tenant = UUID.randomUUID().toString();
        String url = receiver.endpoint("admin-" + UUID.randomUUID(), 0);
        String user = tokens.token(tenant, UUID.randomUUID().toString(), Role.VISITOR);

        Reply asUser = calls().send(HttpRequest.POST("/api/webhooks", Map.of("url", url, "event_types", List.of("*"))).bearerAuth(user));
        assertThat(asUser.status()).isEqualTo(403);
        assertThat(asUser.contentType()).startsWith("application/problem+json");
        assertThat(calls().send(HttpRequest.GET("/api/webhooks").bearerAuth(user)).status()).isEqualTo(403);

        Reply created = create(tenant, url, List.of(TurnCompleted.TYPE));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/api/webhooks/" + created.body().get("id"));
        String secret = created.body().get("secret").toString();
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSize(24);
        Reply listed = calls().send(HttpRequest.GET("/api/webhooks").bearerAuth(admin(tenant)));
        assertThat(items(listed)).singleElement().satisfies(s -> assertThat(s).doesNotContainKey("secret")
                .containsEntry("url", url).containsEntry("status", "active"));
        assertThat(listed.body().toString()).doesNotContain(secret.substring(6));

        String path = "/api/webhooks/" + created.body().get("id");
        assertThat(calls().send(HttpRequest.DELETE(path).bearerAuth(admin(UUID.randomUUID().toString()))).status()).isEqualTo(404);
        assertThat(calls().send(HttpRequest.DELETE(path).bearerAuth(admin(tenant))).status()).isEqualTo(204);
        assertThat(items(calls().send(HttpRequest.GET("/api/webhooks").bearerAuth(admin(tenant))))).isEmpty();
    }

    @Test
    void refuses_undeliverable_event_types_and_urls_that_are_not_http() {
        String tenant = UUID.randomUUID().toString();
        Reply delta = create(tenant, receiver.endpoint("x-" + UUID.randomUUID(), 0), List.of(TextDelta.TYPE));
        Reply ftp = create(tenant, "ftp://example.com/hook", List.of("*"));

        assertThat(delta.status()).isEqualTo(400);
        assertThat(delta.body().get("errors").toString()).contains("field=event_types");
        assertThat(ftp.status()).isEqualTo(400);
        assertThat(ftp.body().get("errors").toString()).contains("field=url");
    }

    private Reply create(String tenant, String url, List<String> types) {
        return calls().send(HttpRequest.POST("/api/webhooks", Map.of("url", url, "event_types", types)).bearerAuth(admin(tenant)));
    }

    private String admin(String tenant) {
        return tokens.token(tenant, "admin-of-" + tenant, Role.PERSON, Role.TENANT_ADMIN);
    }

    private static String publish(String topic, String tenant, String type, String data) {
        String id = UUID.randomUUID().toString();
        String thread = UUID.randomUUID().toString();
        TestKafka.send(topic, thread, data.getBytes(StandardCharsets.UTF_8), Map.of(
                CloudEventHeaders.ID, id,
                CloudEventHeaders.SOURCE, "/agentic-chat/test",
                CloudEventHeaders.TYPE, type,
                CloudEventHeaders.SPEC_VERSION, "1.0",
                CloudEventHeaders.TIME, Instant.now().toString(),
                CloudEventHeaders.SUBJECT, thread,
                CloudEventHeaders.TENANT_ID, tenant,
                CloudEventHeaders.THREAD_ID, thread));
        return id;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Reply reply) {
        assertThat(reply.status()).isEqualTo(200);
        // Serde leaves empty collections out of the JSON.
        return (List<Map<String, Object>>) reply.body().getOrDefault("items", List.of());
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Calls calls() {
        return new Calls(http);
    }
}
