package dev.agenticchat.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.agenticchat.contracts.CloudEventHeaders;
import dev.agenticchat.contracts.Topics;
import dev.agenticchat.contracts.events.ErasureCompleted;
import dev.agenticchat.contracts.events.ErasureRequested;
import dev.agenticchat.contracts.events.SendEmail;
import dev.agenticchat.contracts.events.UserLinked;
import dev.agenticchat.notification.email.ParamSealer;
import dev.agenticchat.notification.fixtures.PrivateTopics;
import dev.agenticchat.notification.fixtures.Rows;
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
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationServiceIT implements TestPropertyProvider {
    private final TestJwks jwks = TestJwks.start();
    private final PrivateTopics topics = PrivateTopics.create();
    private final String identityTopic = topics.identity();

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    ParamSealer sealer;

    @Override
    public Map<String, String> getProperties() {
        return topics.properties(Map.of("micronaut.security.token.jwt.signatures.jwks.gateway.url", jwks.jwksUrl(),
                "notification.email.transport", "log"));
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
    void moves_a_linked_sessions_mail_log_to_the_person_once_even_when_the_event_is_delivered_twice() {
        String tenant = UUID.randomUUID().toString();
        String session = UUID.randomUUID().toString();
        String person = UUID.randomUUID().toString();
        mailLogRow(tenant, session, "ada-" + UUID.randomUUID() + "@example.com");
        String eventId = UUID.randomUUID().toString();
        byte[] data = ("{\"tenant_id\":\"" + tenant + "\",\"from_user_id\":\"" + session + "\",\"to_user_id\":\"" + person
                + "\",\"linked_at\":\"" + Instant.now() + "\"}").getBytes(StandardCharsets.UTF_8);
        TestKafka.send(identityTopic, person, data, identityHeaders(eventId, UserLinked.TYPE, tenant));
        TestKafka.send(identityTopic, person, data, identityHeaders(eventId, UserLinked.TYPE, tenant));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(inboxRows(eventId)).isEqualTo(1);
            assertThat(Rows.strings("SELECT user_id FROM notification.email_events WHERE tenant_id = ?", tenant)).containsExactly(person);
        });
    }

    @Test
    void erases_what_it_holds_about_a_person_by_user_id_and_address_hash_and_confirms() throws Exception {
        String tenant = UUID.randomUUID().toString();
        String person = UUID.randomUUID().toString();
        String address = "grace-" + UUID.randomUUID() + "@example.com";
        String bystander = "alan-" + UUID.randomUUID() + "@example.com";
        mailLogRow(tenant, person, "other-" + UUID.randomUUID() + "@example.com");
        mailLogRow(tenant, null, address);
        mailLogRow(tenant, null, bystander);
        Rows.execute("INSERT INTO notification.otp_codes (id, tenant_id, email, purpose, code_hash, status, created_at, expires_at)"
                + " VALUES (?, ?, ?, 'delete_data', 'h', 'used', now(), now())", UUID.randomUUID(), tenant, address);
        String erasureId = UUID.randomUUID().toString();
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(address.getBytes(StandardCharsets.UTF_8)));
        byte[] data = ("{\"erasure_id\":\"" + erasureId + "\",\"tenant_id\":\"" + tenant + "\",\"user_ids\":[\"" + person
                + "\"],\"email_sha256\":\"" + sha256 + "\",\"requested_at\":\"" + Instant.now() + "\"}").getBytes(StandardCharsets.UTF_8);

        try (TestKafka.Reader confirmations = new TestKafka.Reader(identityTopic)) {
            TestKafka.send(identityTopic, person, data, identityHeaders(UUID.randomUUID().toString(), ErasureRequested.TYPE, tenant));

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(confirmations.withHeader(CloudEventHeaders.TYPE, ErasureCompleted.TYPE))
                    .anySatisfy(record -> assertThat(new String(record.value(), StandardCharsets.UTF_8))
                            .contains(erasureId).contains("\"service\":\"notification-service\"")));
        }
        assertThat(Rows.strings("SELECT recipient FROM notification.email_events WHERE tenant_id = ?", tenant)).containsExactly(bystander);
        assertThat(Rows.strings("SELECT id::text FROM notification.otp_codes WHERE tenant_id = ?", tenant)).isEmpty();
    }

    @Test
    void parks_a_record_without_cloudevents_headers_on_the_dead_letter_topic_and_keeps_consuming() throws Exception {
        String poisonKey = "poison-" + UUID.randomUUID();
        String goodId = UUID.randomUUID().toString();
        try (TestKafka.Reader dlq = new TestKafka.Reader(Topics.deadLetter(identityTopic))) {
            TestKafka.send(identityTopic, poisonKey, "not an event".getBytes(StandardCharsets.UTF_8), Map.of());
            TestKafka.send(identityTopic, poisonKey, ("{\"tenant_id\":\"t\",\"from_user_id\":\"a\",\"to_user_id\":\"b\","
                    + "\"linked_at\":\"" + Instant.now() + "\"}").getBytes(StandardCharsets.UTF_8), identityHeaders(goodId, UserLinked.TYPE, "t"));

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                // Other services' consumers of identity.events.v1 may park the same record: look at ours.
                assertThat(dlq.records()).filteredOn(r -> poisonKey.equals(r.key()))
                        .filteredOn(r -> "notification-service".equals(TestKafka.header(r, CloudEventHeaders.DLQ_CONSUMER)))
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
    void the_local_log_transport_records_a_mail_without_sending_it() throws Exception {
        String tenant = UUID.randomUUID().toString();
        String to = "log-" + UUID.randomUUID() + "@example.com";
        byte[] data = ("{\"template\":\"otp_code\",\"to\":\"" + to + "\",\"params\":{\"purpose\":\"link_session\",\"code\":\""
                + sealer.seal("246810") + "\"},\"tenant_id\":\"" + tenant + "\"}").getBytes(StandardCharsets.UTF_8);
        TestKafka.send(topics.requests(), UUID.randomUUID().toString(), data, Map.of(
                CloudEventHeaders.ID, UUID.randomUUID().toString(),
                CloudEventHeaders.SOURCE, "/agentic-chat/test",
                CloudEventHeaders.TYPE, SendEmail.TYPE,
                CloudEventHeaders.SPEC_VERSION, "1.0",
                CloudEventHeaders.TIME, Instant.now().toString()));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                Rows.strings("SELECT status || ':' || subject FROM notification.email_events WHERE recipient = ? ORDER BY attempt", to))
                .containsExactly("queued:Your verification code", "sent:Your verification code"));
        assertThat(Rows.asJson("email_events", "recipient = ?", to)).allSatisfy(row -> assertThat(row).doesNotContain("246810"));
    }

    @Test
    void its_database_role_cannot_touch_another_services_schema() throws SQLException {
        try (Connection connection = DriverManager.getConnection(TestDatabase.url(), "notification_service", "notification_service")) {
            assertThatThrownBy(() -> connection.createStatement().executeQuery("SELECT count(*) FROM gateway.outbox"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
        }
    }

    private static Map<String, String> identityHeaders(String eventId, String type, String tenant) {
        return Map.of(
                CloudEventHeaders.ID, eventId,
                CloudEventHeaders.SOURCE, "/agentic-chat/gateway-service",
                CloudEventHeaders.TYPE, type,
                CloudEventHeaders.SPEC_VERSION, "1.0",
                CloudEventHeaders.TIME, Instant.now().toString(),
                CloudEventHeaders.TENANT_ID, tenant);
    }

    private static void mailLogRow(String tenant, String userId, String recipient) {
        Rows.execute("INSERT INTO notification.email_events (id, email_id, request_id, tenant_id, user_id, recipient, template, status,"
                + " attempt) VALUES (?, ?, 'r', ?, ?, ?, 'otp_code', 'sent', 1)", UUID.randomUUID(), UUID.randomUUID(), tenant, userId, recipient);
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
