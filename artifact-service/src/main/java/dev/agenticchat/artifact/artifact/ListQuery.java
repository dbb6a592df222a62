package dev.agenticchat.artifact.artifact;

import dev.agenticchat.artifact.validation.ArtifactTypeRegistry;
import dev.agenticchat.support.web.ApiProblem;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Turns the listing's query parameters into a {@link ListFilter}, refusing a value it cannot mean with a 400 naming it. */
@Singleton
class ListQuery {
    static final int MAX_QUERY_LENGTH = 200;

    private final ArtifactTypeRegistry types;

    ListQuery(ArtifactTypeRegistry types) {
        this.types = types;
    }

    ListFilter parse(@Nullable String type, @Nullable String threadId, @Nullable String status, @Nullable String q,
                     @Nullable String createdAfter, @Nullable String createdBefore) {
        if (present(type) && types.find(type).isEmpty()) {
            throw ApiProblem.badRequest("type \"" + type + "\" is not an artifact type; use one of "
                    + String.join(", ", types.names()), "type");
        }
        if (present(status) && !ArtifactContents.STATUSES.contains(status)) {
            throw ApiProblem.badRequest("status \"" + status + "\" is not one of "
                    + String.join(", ", ArtifactContents.STATUSES), "status");
        }
        if (present(q) && q.strip().length() > MAX_QUERY_LENGTH) {
            throw ApiProblem.badRequest("q is longer than " + MAX_QUERY_LENGTH + " characters", "q");
        }
        Instant after = instant(createdAfter, "created_after");
        Instant before = instant(createdBefore, "created_before");
        if (after != null && before != null && !after.isBefore(before)) {
            throw ApiProblem.badRequest("created_after must be earlier than created_before", "created_after");
        }
        return new ListFilter(present(type) ? type : null, present(threadId) ? threadId : null,
                present(status) ? status : null, present(q) ? q.strip() : null, after, before);
    }

    /** An RFC 3339 timestamp with an offset, e.g. 2025-11-03T09:14:10Z. */
    private static Instant instant(@Nullable String value, String field) {
        if (!present(value)) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest(field + " \"" + value
                    + "\" is not an RFC 3339 timestamp with an offset, e.g. 2025-11-03T09:14:10Z", field);
        }
    }

    private static boolean present(@Nullable String value) {
        return value != null && !value.isBlank();
    }
}
