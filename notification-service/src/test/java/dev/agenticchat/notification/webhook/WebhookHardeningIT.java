package dev.agenticchat.notification.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agenticchat.contracts.CloudEventHeaders;
import dev.agenticchat.contracts.events.TurnCompleted;
import dev.agenticchat.notification.fixtures.Calls;
import dev.agenticchat.notification.fixtures.Calls.Reply;
import dev.agenticchat.notification.fixtures.PrivateTopics;
import dev.agenticchat.notification.fixtures.RawHttpTarget;
import dev.agenticchat.notification.fixtures.RawHttpTarget.Behaviour;
import dev.agenticchat.notification.fixtures.RawHttpTarget.Connection;
import dev.agenticchat.support.security.Role;
import dev.agenticchat.support.testing.TestJwks;
import dev.agenticchat.support.testing.TestKafka;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Targets that try to hold the sender (a body trickled a byte a second, no answer at all, an
 * endless body, many deliveries to one host) against the delivery deadline, the response cap
 * and the per-target limit; and the connection going to the address that was vetted.
 */
@MicronautTest(transactional = false, environments = FakeDns.ENVIRONMENT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookHardeningIT implements TestPropertyProvider {
    private static final Duration DEADLINE = Duration.ofSeconds(3);
    private static final long SLACK_MILLIS = 1000;

    private final TestJwks tokens = TestJwks.start();
    private final RawHttpTarget trickling = new RawHttpTarget(Behaviour.TRICKLE);
    private final RawHttpTarget silent = new RawHttpTarget(Behaviour.SILENT);
    private final RawHttpTarget crowded = new RawHttpTarget(Behaviour.SILENT);
    private final RawHttpTarget firehose = new RawHttpTarget(Behaviour.FIREHOSE);
    private final RawHttpTarget normal = new RawHttpTarget(Behaviour.ANSWER_204);
    private final String topic = TestKafka.createTopic("notification-test.hardening", 2);

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    FakeDns dns;

    @Override
    public Map<String, String> getProperties() {
        return PrivateTopics.create().properties(Map.of(
                "micronaut.security.token.jwt.signatures.jwks.gateway.url", tokens.jwksUrl(),
                "notification.webhooks.allow-private-targets", "true",
                // One retry an hour away: a failed attempt stays recorded as it is for the whole test.
                "notification.webhooks.retry-schedule", "1h",
                "notification.webhooks.poll-interval", "100ms",
                "notification.webhooks.delivery-deadline", DEADLINE.toMillis() + "ms",
                "notification.webhooks.max-concurrent-per-target", "2",
                "notification.webhooks.max-response-bytes", "4096",
                "notification.webhooks.topics", topic));
    }

    @AfterAll
    void stop() {
        tokens.close();
        List.of(trickling, silent, crowded, firehose, normal).forEach(RawHttpTarget::close);
    }

    @Test
    void a_target_that_trickles_its_body_or_never_answers_is_abandoned_at_the_deadline_and_holds_up_no_other_delivery() {
        String tenant = UUID.randomUUID().toString();
        String trickleHook = url("trickle.hooks.test", trickling, "/slow");
        String silentHook = url("silent.hooks.test", silent, "/never");
        String sameBatch = url("normal.hooks.test", normal, "/same-batch-" + UUID.randomUUID());
        String trickleId = create(tenant, trickleHook);
        String silentId = create(tenant, silentHook);
        create(tenant, sameBatch);
        String laterTenant = UUID.randomUUID().toString();
        String laterHook = url("normal.hooks.test", normal, "/later-" + UUID.randomUUID());
        create(laterTenant, laterHook);

        publish(tenant);
        await().atMost(Duration.ofSeconds(20)).until(() -> !trickling.connectionsTo("/slow").isEmpty()
                && !silent.connectionsTo("/never").isEmpty());
        Connection trickle = trickling.connectionsTo("/slow").get(0);
        Connection never = silent.connectionsTo("/never").get(0);
        // The slow two are in flight: a delivery queued now must not wait for their batch.
        publish(laterTenant);

        await().atMost(DEADLINE.minusMillis(500)).until(() -> !normal.connectionsTo(pathOf(sameBatch)).isEmpty()
                && !normal.connectionsTo(pathOf(laterHook)).isEmpty());
        assertThat(trickle.closed()).isFalse();
        assertThat(never.closed()).isFalse();

        await().atMost(DEADLINE.plusMillis(SLACK_MILLIS)).pollInterval(Duration.ofMillis(50))
                .until(() -> trickle.closed() && never.closed());
        assertThat(trickle.heldMillis()).isBetween(DEADLINE.toMillis() - 300, DEADLINE.toMillis() + SLACK_MILLIS);
        assertThat(never.heldMillis()).isBetween(DEADLINE.toMillis() - 300, DEADLINE.toMillis() + SLACK_MILLIS);
        assertThat(trickle.bytesWritten.get()).isLessThan(10);
        for (String id : List.of(trickleId, silentId)) {
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(deliveries(tenant, id)).singleElement()
                    .satisfies(delivery -> {
                        assertThat(delivery).containsEntry("attempts", 1).containsEntry("status", "pending");
                        assertThat(delivery.get("last_error").toString())
                                .isEqualTo("no complete answer within the delivery deadline of 3000 ms");
                    }));
        }
    }

    @Test
    void connects_to_the_address_it_vetted_sending_the_original_host_header() {
        String tenant = UUID.randomUUID().toString();
        // No real DNS knows this name: a delivery reaching the target went to the vetted address.
        String hook = url("pinned.hooks.test", normal, "/pinned-" + UUID.randomUUID());
        String id = create(tenant, hook);
        long lookupsBefore = dns.lookupsOf("pinned.hooks.test");

        publish(tenant);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(deliveries(tenant, id)).singleElement()
                .satisfies(delivery -> assertThat(delivery).containsEntry("status", "delivered")));
        assertThat(normal.connectionsTo(pathOf(hook))).singleElement()
                .satisfies(c -> assertThat(c.host).isEqualTo("pinned.hooks.test:" + normal.port()));
        assertThat(dns.lookupsOf("pinned.hooks.test") - lookupsBefore).isEqualTo(1);
    }

    @Test
    void refuses_a_host_name_that_resolves_to_a_metadata_address_at_creation_and_after_it_rebinds() {
        String tenant = UUID.randomUUID().toString();
        dns.answer("metadata.hooks.test", "169.254.169.254");
        Reply refused = calls().send(HttpRequest.POST("/api/webhooks", Map.of("url", "http://metadata.hooks.test/latest",
                "event_types", List.of("*"))).bearerAuth(admin(tenant)));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().get("errors").toString()).contains("field=url");

        String hook = url("rebind.hooks.test", normal, "/rebind-" + UUID.randomUUID());
        String id = create(tenant, hook);
        dns.answer("rebind.hooks.test", "169.254.169.254");
        publish(tenant);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(deliveries(tenant, id)).singleElement()
                .satisfies(delivery -> {
                    assertThat(delivery).containsEntry("attempts", 1);
                    assertThat(delivery.get("last_error").toString()).contains("metadata");
                }));
        assertThat(normal.connectionsTo(pathOf(hook))).isEmpty();
    }

    @Test
    void keeps_at_most_the_configured_number_of_deliveries_in_flight_to_one_host() {
        String tenant = UUID.randomUUID().toString();
        for (int i = 0; i < 4; i++) {
            create(tenant, url("crowded.hooks.test", crowded, "/crowd-" + i));
        }

        publish(tenant);

        await().atMost(Duration.ofSeconds(30)).until(() -> crowded.connections().size() == 4
                && crowded.connections().stream().allMatch(Connection::closed));
        assertThat(crowded.maxOpenAtOnce()).isEqualTo(2);
    }

    @Test
    void reads_no_more_than_the_response_cap_of_an_endless_body_and_keeps_its_status() {
        String tenant = UUID.randomUUID().toString();
        String id = create(tenant, url("firehose.hooks.test", firehose, "/pour"));

        publish(tenant);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(deliveries(tenant, id)).singleElement()
                .satisfies(delivery -> assertThat(delivery).containsEntry("status", "delivered").containsEntry("last_status_code", 200)));
        Connection pour = firehose.connectionsTo("/pour").get(0);
        await().atMost(Duration.ofSeconds(5)).until(pour::closed);
        // What the socket buffers took before the sender hung up, far from the gigabyte offered.
        assertThat(pour.bytesWritten.get()).isLessThan(64L * 1024 * 1024);
        assertThat(pour.heldMillis()).isLessThan(DEADLINE.toMillis());
    }

    private String url(String name, RawHttpTarget target, String path) {
        dns.answer(name, "127.0.0.1");
        return "http://" + name + ":" + target.port() + path;
    }

    private static String pathOf(String url) {
        return url.substring(url.indexOf('/', "http://".length()));
    }

    private String create(String tenant, String url) {
        Reply created = calls().send(HttpRequest.POST("/api/webhooks", Map.of("url", url, "event_types", List.of("*")))
                .bearerAuth(admin(tenant)));
        assertThat(created.status()).as(url).isEqualTo(201);
        return created.body().get("id").toString();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> deliveries(String tenant, String id) {
        Reply log = calls().send(HttpRequest.GET("/api/webhooks/" + id + "/deliveries").bearerAuth(admin(tenant)));
        assertThat(log.status()).isEqualTo(200);
        return (List<Map<String, Object>>) log.body().getOrDefault("items", List.of());
    }

    private String admin(String tenant) {
        return tokens.token(tenant, "admin-of-" + tenant, Role.PERSON, Role.TENANT_ADMIN);
    }

    private void publish(String tenant) {
        String thread = UUID.randomUUID().toString();
        TestKafka.send(topic, thread, "{\"turn_id\":\"t1\",\"content\":\"Hello\"}".getBytes(StandardCharsets.UTF_8), Map.of(
                CloudEventHeaders.ID, UUID.randomUUID().toString(),
                CloudEventHeaders.SOURCE, "/agentic-chat/test",
                CloudEventHeaders.TYPE, TurnCompleted.TYPE,
                CloudEventHeaders.SPEC_VERSION, "1.0",
                CloudEventHeaders.TIME, Instant.now().toString(),
                CloudEventHeaders.SUBJECT, thread,
                CloudEventHeaders.TENANT_ID, tenant,
                CloudEventHeaders.THREAD_ID, thread));
    }

    private Calls calls() {
        return new Calls(http);
    }
}
