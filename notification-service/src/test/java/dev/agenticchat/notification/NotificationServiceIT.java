package dev.agenticchat.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.agenticchat.contracts.CloudEventHeaders;
import dev.agenticchat.contracts.Topics;
import dev.agenticchat.support.testing.TestDatabase;
import dev.agenticchat.support.testing.TestJwks;
import dev.agenticchat.support.testing.TestKafka;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationServiceIT implements TestPropertyProvider {
    private final TestJwks jwks = TestJwks.start();

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("micronaut.security.token.jwt.signatures.jwks.gateway.url", jwks.jwksUrl());
    }

    @AfterAll
    void stopJwks() {
        jwks.close();
    }

    @Test
    void reports_liveness_and_readiness_without_a_token() {
        Map<?, ?> readiness = http.toBlocking().retrieve(HttpRequest.GET("/health/readiness"), Map.class);
        assertThat((Object) readiness.get("status")).isEqualTo("UP");
        Map<?, ?> liveness = http.toBlocking().retrieve(HttpRequest.GET("/health/liveness"), Map.class);
        assertThat((Object) liveness.get("status")).isEqualTo("UP");
    }

    @Test
    void records_an_identity_event_once_even_when_it_is_delivered_twice() {
        String eventId = UUID.randomUUID().toString();
        Map<String, String> headers = Map.of(
                CloudEventHeaders.ID, eventId,
                CloudEventHeaders.SOURCE, "/agentic-chat/gateway-service",
                CloudEventHeaders.TYPE, "dev.agenticchat.identity.user.linked",
                CloudEventHeaders.SPEC_VERSION, "1.0",
                CloudEventHeaders.TIME, Instant.now().toString());
        byte[] data = "{\"user_id\":\"u1\"}".getBytes(StandardCharsets.UTF_8);
        TestKafka.send(Topics.IDENTITY_EVENTS, "u1", data, headers);
        TestKafka.send(Topics.IDENTITY_EVENTS, "u1", data, headers);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(inboxRows(eventId)).isEqualTo(1));
    }

    @Test
    void parks_a_record_without_cloudevents_headers_on_the_dead_letter_topic_and_keeps_consuming() throws Exception {
        String poisonKey = "poison-" + UUID.randomUUID();
        String goodId = UUID.randomUUID().toString();
        try (TestKafka.Reader dlq = new TestKafka.Reader(Topics.deadLetter(Topics.IDENTITY_EVENTS))) {
            TestKafka.send(Topics.IDENTITY_EVENTS, poisonKey, "not an event".getBytes(StandardCharsets.UTF_8), Map.of());
            TestKafka.send(Topics.IDENTITY_EVENTS, poisonKey, "{}".getBytes(StandardCharsets.UTF_8), Map.of(
                    CloudEventHeaders.ID, goodId,
                    CloudEventHeaders.SOURCE, "/agentic-chat/gateway-service",
                    CloudEventHeaders.TYPE, "dev.agenticchat.identity.user.linked",
                    CloudEventHeaders.SPEC_VERSION, "1.0",
                    CloudEventHeaders.TIME, Instant.now().toString()));

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(dlq.records()).filteredOn(r -> poisonKey.equals(r.key()))
                        .singleElement()
                        .satisfies(r -> {
                            assertThat(TestKafka.header(r, CloudEventHeaders.DLQ_ERROR)).contains("ce_id");
                            assertThat(TestKafka.header(r, CloudEventHeaders.DLQ_CONSUMER)).isEqualTo("notification-service");
                        });
                assertThat(inboxRows(goodId)).isEqualTo(1);
            });
        }
    }

    @Test
    void its_database_role_cannot_touch_another_services_schema() throws SQLException {
        try (Connection connection = DriverManager.getConnection(TestDatabase.url(), "notification_service", "notification_service")) {
            assertThatThrownBy(() -> connection.createStatement().executeQuery("SELECT count(*) FROM gateway.outbox"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
        }
    }

    private static int inboxRows(String eventId) throws SQLException {
        try (Connection admin = TestDatabase.admin();
             PreparedStatement query = admin.prepareStatement("SELECT count(*) FROM notification.inbox WHERE event_id = ?")) {
            query.setString(1, eventId);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
