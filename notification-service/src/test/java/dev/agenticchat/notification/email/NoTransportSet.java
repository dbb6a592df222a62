package dev.agenticchat.notification.email;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agenticchat.contracts.events.SendEmail;
import dev.agenticchat.notification.fixtures.FakeSendGrid;
import dev.agenticchat.notification.fixtures.Mailbox;
import dev.agenticchat.notification.fixtures.PrivateTopics;
import dev.agenticchat.support.testing.TestJwks;
import io.micronaut.email.TransactionalEmailSender;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A mail configuration as a deployment that left EMAIL_TRANSPORT unset: the credentials decide. */
final class NoTransportSet {
    private NoTransportSet() {
    }

    private static final String FROM = "Chat <no-reply@example.com>";

    /** The same properties as a deployment that set only the given settings, EMAIL_TRANSPORT left empty. */
    static Map<String, String> properties(String jwksUrl, Map<String, String> settings) {
        Map<String, String> properties = new HashMap<>(Map.of(
                "micronaut.security.token.jwt.signatures.jwks.gateway.url", jwksUrl,
                EmailTransport.PROPERTY, "",
                EmailTransport.SMTP_HOST, "",
                EmailTransport.SENDGRID_API_KEY, "",
                "notification.email.from", FROM));
        properties.putAll(settings);
        return PrivateTopics.create().properties(properties);
    }

    static SendEmail otp(String to, ParamSealer sealer) {
        return new SendEmail("otp_code", to, null, Map.of("purpose", "link_session", "code", sealer.seal("246810")),
                UUID.randomUUID().toString(), null);
    }

}
