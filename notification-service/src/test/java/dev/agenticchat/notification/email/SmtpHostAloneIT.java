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

/** SMTP_HOST alone, no EMAIL_TRANSPORT: mail goes through SMTP (GreenMail). */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SmtpHostAloneIT implements TestPropertyProvider {
    private final TestJwks jwks = TestJwks.start();
    private final Mailbox mailbox = new Mailbox();

    @Inject
    TransactionalEmailSender<?, ?> sender;
    @Inject
    Mailer mailer;
    @Inject
    ParamSealer sealer;

    @Override
    public Map<String, String> getProperties() {
        return NoTransportSet.properties(jwks.jwksUrl(), Map.of(EmailTransport.SMTP_HOST, "127.0.0.1",
                "notification.email.smtp.port", String.valueOf(mailbox.port())));
    }

    @AfterAll
    void stop() {
        jwks.close();
        mailbox.close();
    }

    @Test
    void sends_through_smtp() throws Exception {
        String to = "ok-" + UUID.randomUUID() + "@example.com";
        assertThat(sender.getName()).isNotEqualTo(SendGridEmailSender.NAME).isNotEqualTo(LogEmailSender.NAME);

        assertThat(mailer.deliver(UUID.randomUUID().toString(), NoTransportSet.otp(to, sealer)).sent()).isTrue();
        assertThat(mailbox.to(to)).singleElement().satisfies(mail -> assertThat(Mailbox.code(mail)).isEqualTo("246810"));
    }
}
