package dev.agenticchat.support.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * RFC 9457 problem details, with the fields at fault in {@code errors} so a client (or
 * the model, for a tool call) can tell exactly what to fix.
 */
@Serdeable
public record Problem(String type, String title, int status, @Nullable String detail, @Nullable String instance,
                      @Nullable List<FieldError> errors) {
    public static final String MEDIA_TYPE = "application/problem+json";

    @Serdeable
    public record FieldError(String field, String message) {
    }
}
