package dev.agenticchat.notification.email;

import io.micronaut.core.annotation.Nullable;
import jakarta.mail.internet.AddressException;
import jakarta.validation.ConstraintViolationException;
import java.time.Duration;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/** Tells a failure worth retrying (throttling, a provider or network hiccup) from one that will fail again. */
final class Failures {
    private static final int MAX_RESPONSE = 500;

    private Failures() {
    }

    record Failure(boolean retryable, String providerResponse, @Nullable Duration retryAfter) {
        Failure(boolean retryable, String providerResponse) {
            this(retryable, providerResponse, null);
        }
    }

    /** Walks the causes (a MessagingException's cause is its next exception); unknown failures count as transient. */
    static Failure classify(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof DeliveryFailure failure) {
                return new Failure(failure.retryable(), truncate(failure.getMessage()), failure.retryAfter());
            }
            if (t instanceof SMTPSendFailedException smtp) {
                return new Failure(smtp.getReturnCode() < 500, truncate(smtp.getReturnCode() + " " + smtp.getMessage()));
            }
            if (t instanceof SMTPAddressFailedException smtp) {
                return new Failure(smtp.getReturnCode() < 500, truncate(smtp.getReturnCode() + " " + smtp.getMessage()));
            }
            if (t instanceof ConstraintViolationException invalid) {
                return new Failure(false, truncate("invalid mail: " + invalid.getMessage()));
            }
            if (t instanceof AddressException address) {
                return new Failure(false, truncate("invalid address: " + address.getMessage()));
            }
        }
        return new Failure(true, truncate(error.toString()));
    }

    private static String truncate(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= MAX_RESPONSE ? text : text.substring(0, MAX_RESPONSE);
    }
}
