package dev.agenticchat.notification.email;

import io.micronaut.core.annotation.Nullable;
import java.util.UUID;

/** How a requested mail ended: sent, or given up with an {@code EmailFailed} code. */
record MailOutcome(UUID emailId, boolean sent, @Nullable String failureCode, int attempts) {
}
