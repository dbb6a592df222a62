package dev.agenticchat.notification.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenticchat.contracts.CloudEventHeaders;
import dev.agenticchat.contracts.Topics;
import dev.agenticchat.contracts.events.EmailFailed;
import dev.agenticchat.contracts.events.EmailSent;
import dev.agenticchat.contracts.events.SendEmail;
import dev.agenticchat.notification.fixtures.Calls;
import dev.agenticchat.notification.fixtures.Calls.Reply;
import dev.agenticchat.notification.fixtures.FakeSendGrid;
import dev.agenticchat.notification.fixtures.PrivateTopics;
import dev.agenticchat.support.testing.TestJwks;
import dev.agenticchat.support.testing.TestKafka;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Mail requests sent through the SendGrid transport to a fake SendGrid speaking its HTTP API. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SendGridMailIT implements TestPropertyProvider {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestJwks jwks = TestJwks.start();
    private final FakeSendGrid sendGrid = new FakeSendGrid();
    private final PrivateTopics topics = PrivateTopics.create();
    private TestKafka.Reader outcomes;

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    JsonMapper jsonMapper;
    @Inject
    ParamSealer sealer;

    @Override
    public Map<String, String> getProperties() {
        return topics.properties(Map.of(
                "micronaut.security.token.jwt.signatures.jwks.gateway.url", jwks.jwksUrl(),
                "notification.email.transport", "sendgrid",
                "notification.email.sendgrid.api-key", "SG.test-key",
                "notification.email.sendgrid.base-url", sendGrid.baseUrl()));
    }

    @BeforeAll
    void listen() {
        outcomes = new TestKafka.Reader(Topics.NOTIFICATION_EVENTS);
    }

    @AfterAll
    void stop() throws InterruptedException {
        outcomes.close();
        jwks.close();
        sendGrid.close();
    }

    @Test
    void posts_the_mail_to_v3_mail_send_in_the_json_shape_sendgrid_expects() throws Exception {
        String tenant = UUID.randomUUID().toString();
        String to = "ok-" + UUID.randomUUID() + "@example.com";
        request(tenant, to, "otp_code", Map.of("purpose", "link_session", "code", sealer.seal("482913")));

        JsonNode outcome = awaitOutcome(tenant, EmailSent.TYPE);
        FakeSendGrid.Call call = sendGrid.callsFor(to).get(0);
        assertThat(call.authorization()).isEqualTo("Bearer SG.test-key");
        assertThat(call.contentType()).startsWith("application/json");
        JsonNode mail = JSON.readTree(call.body());
        assertThat(mail.at("/personalizations/0/to/0/email").asText()).isEqualTo(to);
        assertThat(mail.at("/from/email").asText()).isEqualTo("tests@agentic-chat.test");
        assertThat(mail.at("/from/name").asText()).isEqualTo("Agentic Chat Tests");
        assertThat(mail.at("/subject").asText()).isEqualTo("Your verification code");
        assertThat(mail.at("/content/0/type").asText()).isEqualTo("text/plain");
        assertThat(mail.at("/content/0/value").asText()).contains("482913");
        assertThat(mail.at("/content/1/type").asText()).isEqualTo("text/html");
        assertThat(mail.at("/content/1/value").asText()).contains("482913").contains("<h1");
        assertThat(outcome.path("attempts").asInt()).isEqualTo(1);
        assertThat(outcome.toString()).doesNotContain(to).doesNotContain("482913");
        assertThat(statuses(to)).containsExactly("sent", "queued");
    }

    @Test
    void retries_a_throttled_mail_after_the_wait_it_asked_for_and_sends_it() throws Exception {
        String tenant = UUID.randomUUID().toString();
        String to = "throttled-" + UUID.randomUUID() + "@example.com";
        request(tenant, to, "otp_code", Map.of("purpose", "delete_data", "code", sealer.seal("111222")));

        JsonNode outcome = awaitOutcome(tenant, EmailSent.TYPE);
        assertThat(outcome.path("attempts").asInt()).isEqualTo(2);
        List<FakeSendGrid.Call> calls = sendGrid.callsFor(to);
        assertThat(calls).hasSize(2);
        // Retry-After: 1 s, capped by the test's max backoff (200 ms); the plain backoff would be 25-50 ms.
        assertThat(Duration.ofNanos(calls.get(1).atNanos() - calls.get(0).atNanos())).isGreaterThanOrEqualTo(Duration.ofMillis(190));
        List<Map<String, Object>> events = adminView(to);
        assertThat(events).extracting(e -> e.get("status")).containsExactly("sent", "retrying", "queued");
        assertThat(events.get(1).get("provider_response").toString()).startsWith("429");
    }

    @Test
    @SuppressWarnings("unchecked")
    void gives_up_after_the_last_attempt_and_shows_the_failure_to_operators() throws Exception {
        String tenant = UUID.randomUUID().toString();
        String to = "broken-" + UUID.randomUUID() + "@example.com";
        request(tenant, to, "otp_code", Map.of("purpose", "link_session", "code", sealer.seal("333444")));

        JsonNode outcome = awaitOutcome(tenant, EmailFailed.TYPE);
        assertThat(outcome.path("code").asText()).isEqualTo(EmailFailed.RETRIES_EXHAUSTED);
        assertThat(outcome.path("attempts").asInt()).isEqualTo(3);
        assertThat(outcome.toString()).doesNotContain(to);
        assertThat(sendGrid.callsFor(to)).hasSize(3);
        assertThat(adminView(to)).extracting(e -> e.get("status") + "#" + e.get("attempt"))
                .containsExactly("failed#3", "retrying#2", "retrying#1", "queued#0");

        Calls calls = new Calls(http);
        Reply first = calls.send(HttpRequest.GET("/api/admin/email-events?limit=3&recipient=" + to).header("X-Admin-Token", Calls.ADMIN_TOKEN));
        assertThat((List<?>) first.body().get("items")).hasSize(3);
        Reply second = calls.send(HttpRequest.GET("/api/admin/email-events?limit=3&recipient=" + to + "&cursor="
                + first.body().get("next_cursor")).header("X-Admin-Token", Calls.ADMIN_TOKEN));
        assertThat((List<Map<String, Object>>) second.body().get("items")).singleElement()
                .satisfies(event -> assertThat(event).containsEntry("status", "queued"));
        assertThat(second.body()).containsEntry("next_cursor", null);
    }

    @Test
    void does_not_retry_a_mail_the_provider_refuses_for_good() throws Exception {
        String tenant = UUID.randomUUID().toString();
        String to = "rejected-" + UUID.randomUUID() + "@example.com";
        request(tenant, to, "otp_code", Map.of("purpose", "link_session", "code", sealer.seal("555666")));

        JsonNode outcome = awaitOutcome(tenant, EmailFailed.TYPE);
        assertThat(outcome.path("code").asText()).isEqualTo(EmailFailed.REJECTED);
        assertThat(sendGrid.callsFor(to)).hasSize(1);
        assertThat(adminView(to).get(0).get("provider_response").toString()).startsWith("400");
    }

    @Test
    void fails_a_request_for_an_unknown_template_without_calling_the_provider() throws Exception {
        String tenant = UUID.randomUUID().toString();
        String to = "ok-" + UUID.randomUUID() + "@example.com";
        request(tenant, to, "newsletter", Map.of());

        assertThat(awaitOutcome(tenant, EmailFailed.TYPE).path("code").asText()).isEqualTo(EmailFailed.INVALID_REQUEST);
        assertThat(sendGrid.callsFor(to)).isEmpty();
    }

    @Test
    void shows_email_events_to_operators_only() {
        String to = "ok-" + UUID.randomUUID() + "@example.com";
        Calls calls = new Calls(http);
        String path = "/api/admin/email-events?recipient=" + to;

        assertThat(calls.send(HttpRequest.GET(path).header("X-Admin-Token", Calls.ADMIN_TOKEN)).status()).isEqualTo(200);
        assertThat(calls.send(Calls.asService(HttpRequest.GET(path), "t", "u")).status()).isEqualTo(200);
        assertThat(calls.send(HttpRequest.GET(path).header("X-Admin-Token", "guess")).status()).isEqualTo(403);
        assertThat(calls.send(HttpRequest.GET(path).bearerAuth(jwks.token("t", "u"))).status()).isEqualTo(403);
        assertThat(calls.send(HttpRequest.GET(path)).status()).isEqualTo(401);
    }

    private void request(String tenant, String to, String template, Map<String, String> params) throws Exception {
        byte[] data = jsonMapper.writeValueAsBytes(new SendEmail(template, to, null, params, tenant, null));
        TestKafka.send(topics.requests(), UUID.randomUUID().toString(), data, Map.of(
                CloudEventHeaders.ID, UUID.randomUUID().toString(),
                CloudEventHeaders.SOURCE, "/agentic-chat/test",
                CloudEventHeaders.TYPE, SendEmail.TYPE,
                CloudEventHeaders.SPEC_VERSION, "1.0",
                CloudEventHeaders.TIME, Instant.now().toString(),
                CloudEventHeaders.TENANT_ID, tenant));
    }

    private JsonNode awaitOutcome(String tenant, String type) throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> !outcomes.withHeader(CloudEventHeaders.TENANT_ID, tenant).isEmpty());
        ConsumerRecord<String, byte[]> record = outcomes.withHeader(CloudEventHeaders.TENANT_ID, tenant).get(0);
        assertThat(TestKafka.header(record, CloudEventHeaders.TYPE)).isEqualTo(type);
        return JSON.readTree(new String(record.value(), StandardCharsets.UTF_8));
    }

    private List<String> statuses(String recipient) {
        return adminView(recipient).stream().map(e -> e.get("status").toString()).toList();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> adminView(String recipient) {
        Reply reply = new Calls(http).send(HttpRequest.GET("/api/admin/email-events?recipient=" + recipient)
                .header("X-Admin-Token", Calls.ADMIN_TOKEN));
        assertThat(reply.status()).isEqualTo(200);
        return (List<Map<String, Object>>) reply.body().get("items");
    }
}
