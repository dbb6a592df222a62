package dev.agenticchat.contracts.events;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.time.Instant;
import java.util.Map;

/** One version of an artifact as clients see it; {@code content} conforms to the type's JSON Schema. */
@Serdeable(naming = SnakeCaseStrategy.class)
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
}
