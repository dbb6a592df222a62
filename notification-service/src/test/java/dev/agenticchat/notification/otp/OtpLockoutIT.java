package dev.agenticchat.notification.otp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agenticchat.notification.config.AdjustableClock;
import dev.agenticchat.notification.fixtures.Calls;
import dev.agenticchat.notification.fixtures.Mailbox;
import dev.agenticchat.notification.fixtures.PrivateTopics;
import dev.agenticchat.support.testing.TestJwks;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Failed code checks counted per address and per client IP across codes, escalating lockouts,
 * and one answer for every refusal, as the gateway sees them over HTTP, on real Postgres.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OtpLockoutIT implements TestPropertyProvider {
    private static final String VERIFICATIONS = "/internal/otp/verifications";

    private final TestJwks jwks = TestJwks.start();
    private final Mailbox mailbox = new Mailbox();
    private final String tenant = UUID.randomUUID().toString();
    // A /48 of its own per run: failures recorded by earlier runs in the same database stay apart.
    private final String network = String.format("fd%02x:%04x:%04x", ThreadLocalRandom.current().nextInt(256),
            ThreadLocalRandom.current().nextInt(65536), ThreadLocalRandom.current().nextInt(65536));
    private final AtomicInteger hosts = new AtomicInteger();

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    AdjustableClock clock;

    /** An answer as bytes on the wire would show it: status, body text, content type, Retry-After. */
    record Raw(int status, String body, String contentType, @Nullable String retryAfter) {
    }

    @Override
    public Map<String, String> getProperties() {
        return PrivateTopics.create().properties(Map.of(
                "micronaut.security.token.jwt.signatures.jwks.gateway.url", jwks.jwksUrl(),
                "notification.email.transport", "smtp",
                "notification.email.smtp.port", String.valueOf(mailbox.port()),
                // Request limits out of the way: the lockouts are under test here.
                "notification.otp.max-per-address", "20",
                "notification.otp.max-per-ip", "100",
                "notification.otp.lockout-after", "5",
                "notification.otp.lockout-after-per-ip", "8",
                "notification.otp.lockout-durations", "1m,5m,15m,1h"));
    }

    @AfterAll
    void stop() {
        jwks.close();
        mailbox.close();
    }

    @Test
    void wrong_codes_lock_the_address_across_newly_requested_codes_and_then_the_right_code_gets_the_wrong_codes_answer() {
        String address = newAddress();
        String first = requestCode(address, 1);
        for (int i = 0; i < 3; i++) {
            assertThat(verify(address, wrongOf(first), newIp()).status()).isEqualTo(422);
        }
        String second = requestCode(address, 2);
        assertThat(verify(address, wrongOf(second), newIp()).status()).isEqualTo(422);
        Raw fifthWrong = verify(address, wrongOf(second), newIp());

        Raw rightWhileLocked = verify(address, second, newIp());

        assertThat(rightWhileLocked).isEqualTo(fifthWrong);
        assertThat(rightWhileLocked.status()).isEqualTo(422);
        assertThat(rightWhileLocked.retryAfter()).isNull();
        clock.advance(Duration.ofSeconds(61));
        assertThat(verify(address, second, newIp()).status()).isEqualTo(200);
    }

    @Test
    void a_used_an_expired_an_unknown_and_a_wrong_code_get_byte_identical_answers() {
        String usedAddress = newAddress();
        String used = requestCode(usedAddress, 1);
        assertThat(verify(usedAddress, used, newIp()).status()).isEqualTo(200);
        String wrongAddress = newAddress();
        String wrong = wrongOf(requestCode(wrongAddress, 1));
        String expiredAddress = newAddress();
        String expired = requestCode(expiredAddress, 1);

        Raw forUsed = verify(usedAddress, used, newIp());
        Raw forWrong = verify(wrongAddress, wrong, newIp());
        Raw forUnknown = verify(newAddress(), "123456", newIp());
        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        Raw forExpired = verify(expiredAddress, expired, newIp());

        assertThat(forUsed.status()).isEqualTo(422);
        assertThat(forUsed.contentType()).startsWith("application/problem+json");
        assertThat(forUsed.body()).contains("\"reason\":\"invalid_code\"").contains("\"status\":422");
        assertThat(forUsed.retryAfter()).isNull();
        assertThat(List.of(forWrong, forUnknown, forExpired)).allSatisfy(answer -> assertThat(answer).isEqualTo(forUsed));
    }

    @Test
    void lockouts_escalate_from_one_minute_to_five() {
        String address = newAddress();
        String first = requestCode(address, 1);
        for (int i = 0; i < 5; i++) {
            verify(address, wrongOf(first), newIp());
        }
        clock.advance(Duration.ofSeconds(61));
        String second = requestCode(address, 2);
        Raw wrongAnswer = null;
        for (int i = 0; i < 5; i++) {
            wrongAnswer = verify(address, wrongOf(second), newIp());
        }
        String third = requestCode(address, 3);

        clock.advance(Duration.ofSeconds(61));
        assertThat(verify(address, third, newIp())).isEqualTo(wrongAnswer);
        clock.advance(Duration.ofMinutes(4));
        assertThat(verify(address, third, newIp()).status()).isEqualTo(200);
    }

    @Test
    void failures_from_one_client_ip_across_addresses_lock_out_that_ip_only() {
        String ip = newIp();
        Raw wrongAnswer = null;
        for (int i = 0; i < 8; i++) {
            wrongAnswer = verify(newAddress(), "123456", ip);
        }
        String address = newAddress();
        String code = requestCode(address, 1);

        assertThat(verify(address, code, ip)).isEqualTo(wrongAnswer);
        assertThat(verify(address, code, newIp()).status()).isEqualTo(200);
    }

    private String requestCode(String address, int nth) {
        HttpResponse<?> accepted = http.toBlocking().exchange(Calls.asService(HttpRequest.POST("/internal/otp/requests", Map.of(
                "tenant_id", tenant, "email", address, "purpose", "link_session", "client_ip", newIp())), tenant, "gateway"));
        assertThat(accepted.code()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> mailbox.to(address).size() >= nth);
        return Mailbox.code(mailbox.to(address).get(nth - 1));
    }

    private Raw verify(String address, String code, String ip) {
        HttpRequest<?> request = Calls.asService(HttpRequest.POST(VERIFICATIONS, Map.of("tenant_id", tenant, "email", address,
                "purpose", "link_session", "code", code, "client_ip", ip)), tenant, "gateway");
        try {
            HttpResponse<String> response = http.toBlocking().exchange(request, Argument.STRING, Argument.STRING);
            return raw(response);
        } catch (HttpClientResponseException e) {
            return raw(e.getResponse());
        }
    }

    private static Raw raw(HttpResponse<?> response) {
        return new Raw(response.code(), response.getBody(String.class).orElse(""),
                response.getContentType().map(Object::toString).orElse(""), response.getHeaders().get("Retry-After"));
    }

    private static String wrongOf(String code) {
        return code.equals("000000") ? "000001" : "000000";
    }

    private static String newAddress() {
        return "lockout-" + UUID.randomUUID() + "@example.com";
    }

    /** A client address of its own for every call, unless a test reuses one on purpose. */
    private String newIp() {
        // Counted by /64, as ClientIps does for IPv6.
        return network + ":" + Integer.toHexString(hosts.incrementAndGet()) + "::1";
    }
}
