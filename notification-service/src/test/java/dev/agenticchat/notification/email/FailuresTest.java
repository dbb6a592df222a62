package dev.agenticchat.notification.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.email.EmailException;
import jakarta.mail.MessagingException;
import java.net.ConnectException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;

class FailuresTest {
    @Test
    void retries_smtp_4xx_and_unreachable_relays_but_not_smtp_5xx() {
        assertThat(Failures.classify(new EmailException(smtp(451))).retryable()).isTrue();
        assertThat(Failures.classify(new EmailException(smtp(550))).retryable()).isFalse();
        assertThat(Failures.classify(new EmailException(new MessagingException("connect failed", new ConnectException())))
                .retryable()).isTrue();
    }

    @Test
    void keeps_the_providers_verdict_on_http_failures() {
        assertThat(Failures.classify(new DeliveryFailure(true, "429 slow down"))).isEqualTo(new Failures.Failure(true, "429 slow down"));
        assertThat(Failures.classify(new DeliveryFailure(false, "400 bad sender")).retryable()).isFalse();
    }

    private static SMTPSendFailedException smtp(int code) {
        return new SMTPSendFailedException("DATA", code, code + " no", null, null, null, null);
    }
}
