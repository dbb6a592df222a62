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

/** SENDGRID_API_KEY alone, no EMAIL_TRANSPORT: mail goes through SendGrid (a fake speaking its API). */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SendGridKeyAloneIT implements TestPropertyProvider {
    private final TestJwks jwks = TestJwks.start();
    private final FakeSendGrid sendGrid = new FakeSendGrid();

    @Inject
    TransactionalEmailSender<?, ?> sender;
    @Inject
    Mailer mailer;
    @Inject
    ParamSealer sealer;

    @Override
    public Map<String, String> getProperties() {
        return NoTransportSet.properties(jwks.jwksUrl(), Map.of(EmailTransport.SENDGRID_API_KEY, "SG.alone",
                "notification.email.sendgrid.base-url", sendGrid.baseUrl()));
    }

    @AfterAll
    void stop() {
        jwks.close();
        sendGrid.close();
    }

    @Test
    void sends_through_sendgrid() throws Exception {
        String to = "ok-" + UUID.randomUUID() + "@example.com";
        assertThat(sender.getName()).isEqualTo(SendGridEmailSender.NAME);

        assertThat(mailer.deliver(UUID.randomUUID().toString(), NoTransportSet.otp(to, sealer)).sent()).isTrue();
        assertThat(sendGrid.callsFor(to)).singleElement()
                .satisfies(call -> assertThat(call.authorization()).isEqualTo("Bearer SG.alone"));
    }
}
