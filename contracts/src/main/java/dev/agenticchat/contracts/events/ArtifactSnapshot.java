package dev.agenticchat.contracts.events;

import io.micronaut.core.annotation.Nullable;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.time.Instant;
import java.util.Map;

/**
 * One version of an artifact as clients see it; {@code content} conforms to the type's JSON
 * Schema. {@code status} is {@code intermediate} (still being worked on) or {@code final}.
 */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ArtifactSnapshot(
        String id,
        String type,
        String title,
        String status,
        int version,
        @Nullable String threadId,
        @Nullable String turnId,
        Map<String, Object> content,
        Instant createdAt) {

    public static final String INTERMEDIATE = "intermediate";
    public static final String FINAL = "final";
}
