package dev.agenticchat.notification.otp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agenticchat.contracts.CloudEventHeaders;
import dev.agenticchat.contracts.Topics;
import dev.agenticchat.contracts.events.EmailSent;
import dev.agenticchat.notification.config.AdjustableClock;
import dev.agenticchat.notification.fixtures.Calls;
import dev.agenticchat.notification.fixtures.Calls.Reply;
import dev.agenticchat.notification.fixtures.Mailbox;
import dev.agenticchat.notification.fixtures.PrivateTopics;
import dev.agenticchat.notification.fixtures.Rows;
import dev.agenticchat.support.testing.TestJwks;
import dev.agenticchat.support.testing.TestKafka;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The one-time code API as the gateway uses it, with the code mailed through a real SMTP server (GreenMail). */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OtpIT implements TestPropertyProvider {
    private final TestJwks jwks = TestJwks.start();
    private final Mailbox mailbox = new Mailbox();

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    AdjustableClock clock;

    @Override
    public Map<String, String> getProperties() {
        return PrivateTopics.create().properties(Map.of(
                "micronaut.security.token.jwt.signatures.jwks.gateway.url", jwks.jwksUrl(),
                "notification.email.transport", "smtp",
                "notification.email.smtp.port", String.valueOf(mailbox.port())));
    }

    @AfterAll
    void stop() {
        jwks.close();
        mailbox.close();
    }

    private final String tenant = UUID.randomUUID().toString();

    @Test
    void mails_a_six_digit_code_that_verifies_once_and_is_never_stored_in_clear() throws Exception {
        String address = newAddress();
        try (TestKafka.Reader outcomes = new TestKafka.Reader(Topics.NOTIFICATION_EVENTS)) {
            Reply accepted = requestCode(address.toUpperCase(), "link_session", newIp());
            assertThat(accepted.status()).isEqualTo(202);
            assertThat(accepted.body()).isEmpty();

            MimeMessage mail = awaitMail(address);
            String code = Mailbox.code(mail);
            assertThat(mail.getSubject()).isEqualTo("Your verification code").doesNotContain(code);
            assertThat(mail.getContentType()).startsWith("multipart/alternative");
            assertThat(Mailbox.part(mail, "text/html")).contains(code).contains("link your chat session");
            assertThat(Mailbox.part(mail, "text/plain")).contains("valid for 10 minutes");

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(outcomes.withHeader(CloudEventHeaders.TENANT_ID, tenant))
                    .anySatisfy(record -> {
                        assertThat(TestKafka.header(record, CloudEventHeaders.TYPE)).isEqualTo(EmailSent.TYPE);
                        assertThat(new String(record.value(), StandardCharsets.UTF_8)).contains("\"template\":\"otp_code\"")
                                .doesNotContain(address).doesNotContain(code);
                    }));
            assertThat(Rows.asJson("otp_codes", "email = ?", address)).singleElement().asString().doesNotContain(code);
            assertThat(Rows.asJson("email_events", "recipient = ?", address)).extracting(row -> row.replaceAll(".*\"status\":\"(\\w+)\".*", "$1"))
                    .containsExactlyInAnyOrder("queued", "sent");
            assertThat(Rows.asJson("email_events", "recipient = ?", address)).allSatisfy(row -> assertThat(row).doesNotContain(code));

            Reply verified = verify(address, "link_session", code);
            assertThat(verified.status()).isEqualTo(200);
            assertThat(verified.body()).containsEntry("verified", true).containsEntry("email_normalized", address);
            assertReason(verify(address, "link_session", code), "invalid_code");
        }
    }

    @Test
    void a_new_request_supersedes_the_earlier_code() {
        String address = newAddress();
        requestCode(address, "link_session", newIp());
        String first = Mailbox.code(awaitMail(address));
        requestCode(address, "link_session", newIp());
        await().atMost(Duration.ofSeconds(20)).until(() -> mailbox.to(address).size() == 2);
        String second = Mailbox.code(mailbox.to(address).get(1));

        if (!first.equals(second)) {
            assertReason(verify(address, "link_session", first), "invalid_code");
        }
        assertThat(verify(address, "link_session", second).status()).isEqualTo(200);
    }

    @Test
    void a_code_expires_after_the_configured_ten_minutes() {
        String address = newAddress();
        String other = newAddress();
        requestCode(address, "delete_data", newIp());
        requestCode(other, "delete_data", newIp());
        MimeMessage mail = awaitMail(address);
        assertThat(Mailbox.part(mail, "text/plain")).contains("erased");

        clock.advance(Duration.ofMinutes(9).plusSeconds(50));
        assertThat(verify(other, "delete_data", Mailbox.code(awaitMail(other))).status()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(11));
        assertReason(verify(address, "delete_data", Mailbox.code(mail)), "invalid_code");
    }

    @Test
    void five_wrong_codes_kill_the_code_even_for_the_right_one_after() {
        String address = newAddress();
        requestCode(address, "link_session", newIp());
        String code = Mailbox.code(awaitMail(address));
        String wrong = code.equals("000000") ? "000001" : "000000";

        for (int i = 1; i <= 4; i++) {
            assertReason(verify(address, "link_session", wrong), "invalid_code");
        }
        assertReason(verify(address, "link_session", wrong), "invalid_code");
        assertReason(verify(address, "link_session", code), "invalid_code");
    }

    @Test
    void a_code_proves_nothing_for_another_purpose_or_tenant() {
        String address = newAddress();
        requestCode(address, "link_session", newIp());
        String code = Mailbox.code(awaitMail(address));

        assertReason(verify(address, "delete_data", code), "invalid_code");
        assertReason(calls().send(Calls.asService(HttpRequest.POST("/internal/otp/verifications", Map.of(
                "tenant_id", UUID.randomUUID().toString(), "email", address, "purpose", "link_session", "code", code)),
                tenant, "gateway")), "invalid_code");
        assertThat(verify(address, "link_session", code).status()).isEqualTo(200);
    }

    @Test
    void limits_code_requests_per_address_with_retry_after() {
        String address = newAddress();
        for (int i = 0; i < 3; i++) {
            assertThat(requestCode(address, "link_session", newIp()).status()).isEqualTo(202);
        }
        Reply limited = requestCode(address, "link_session", newIp());

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.contentType()).startsWith("application/problem+json");
        assertThat(limited.body()).containsEntry("reason", "rate_limited");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 15 * 60L);
    }

    @Test
    void limits_code_requests_per_client_ip() {
        String ip = newIp();
        for (int i = 0; i < 6; i++) {
            assertThat(requestCode(newAddress(), "link_session", ip).status()).isEqualTo(202);
        }
        Reply limited = requestCode(newAddress(), "link_session", ip);

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isNotBlank();
    }

    @Test
    void answers_a_known_and_an_unknown_address_alike() {
        String known = newAddress();
        requestCode(known, "link_session", newIp());
        assertThat(verify(known, "link_session", Mailbox.code(awaitMail(known))).status()).isEqualTo(200);

        Reply forKnown = requestCode(known, "link_session", newIp());
        Reply forUnknown = requestCode(newAddress(), "link_session", newIp());
        assertThat(forUnknown.status()).isEqualTo(forKnown.status()).isEqualTo(202);
        assertThat(forUnknown.body()).isEqualTo(forKnown.body());

        Reply wrongForKnown = verify(known, "link_session", "999999".equals(Mailbox.code(mailbox.to(known).get(0))) ? "999998" : "999999");
        Reply anyForUnknown = verify(newAddress(), "link_session", "123456");
        assertThat(anyForUnknown.status()).isEqualTo(wrongForKnown.status()).isEqualTo(422);
        assertThat(anyForUnknown.body().get("reason")).isEqualTo(wrongForKnown.body().get("reason")).isEqualTo("invalid_code");
    }

    @Test
    void rejects_a_malformed_address_an_unknown_purpose_and_a_malformed_ip_naming_the_field() {
        assertField(requestCode("not-an-address", "link_session", newIp()), "email");
        assertField(requestCode("a@b@example.com", "link_session", newIp()), "email");
        assertField(requestCode(newAddress(), "become_admin", newIp()), "purpose");
        assertField(requestCode(newAddress(), "link_session", "example.com"), "client_ip");
        assertField(verify(newAddress(), "link_session", "12ab56"), "code");
    }

    @Test
    void refuses_user_tokens_and_callers_without_credentials() {
        Map<String, String> body = Map.of("tenant_id", tenant, "email", newAddress(), "purpose", "link_session",
                "client_ip", newIp());
        Reply asUser = calls().send(HttpRequest.POST("/internal/otp/requests", body)
                .bearerAuth(jwks.token(tenant, UUID.randomUUID().toString())));
        Reply anonymous = calls().send(HttpRequest.POST("/internal/otp/requests", body));

        assertThat(asUser.status()).isEqualTo(403);
        assertThat(anonymous.status()).isEqualTo(401);
    }

    private Reply requestCode(String address, String purpose, String ip) {
        return calls().send(Calls.asService(HttpRequest.POST("/internal/otp/requests", Map.of(
                "tenant_id", tenant, "email", address, "purpose", purpose, "client_ip", ip)), tenant, "gateway"));
    }

    private Reply verify(String address, String purpose, String code) {
        return calls().send(Calls.asService(HttpRequest.POST("/internal/otp/verifications", Map.of(
                "tenant_id", tenant, "email", address, "purpose", purpose, "code", code)), tenant, "gateway"));
    }

    private MimeMessage awaitMail(String address) {
        await().atMost(Duration.ofSeconds(20)).until(() -> !mailbox.to(address).isEmpty());
        List<MimeMessage> mails = mailbox.to(address);
        return mails.get(mails.size() - 1);
    }

    private static void assertReason(Reply reply, String reason) {
        assertThat(reply.status()).as(reason).isEqualTo(422);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.body()).containsEntry("reason", reason);
        assertThat(reply.body().get("errors").toString()).contains("field=code").contains("message=" + reason);
    }

    private static void assertField(Reply reply, String field) {
        assertThat(reply.status()).as(field).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.body().get("errors").toString()).contains("field=" + field);
    }

    private Calls calls() {
        return new Calls(http);
    }

    private static String newAddress() {
        return "user-" + UUID.randomUUID() + "@example.com";
    }

    private static String newIp() {
        UUID random = UUID.randomUUID();
        return "10." + (random.hashCode() & 0xff) + "." + ((random.hashCode() >> 8) & 0xff) + "." + ((random.hashCode() >> 16) & 0xff);
    }
}
