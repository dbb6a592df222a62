package dev.agenticchat.notification.otp;

import dev.agenticchat.support.web.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * RFC 9457 problem details with a machine-readable {@code reason} extension member. A refused
 * code also names it in {@code errors} (field {@code code}), the part of the shape every
 * service's Problem carries, so a relaying gateway keeps it.
 */
@Serdeable
record OtpProblem(String type, String title, int status, String detail, String instance, String reason,
                  @Nullable List<Problem.FieldError> errors) {
    static final String MEDIA_TYPE = "application/problem+json";
    static final String TYPE_BASE = "https://agentic-chat.dev/problems/otp/";
}
