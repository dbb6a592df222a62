package dev.agenticchat.gateway.privacy;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An erasure's progress: {@code completed} once every service confirmed. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ErasureView(UUID id, String status, List<String> confirmedBy, List<String> pending, Instant requestedAt,
                          @Nullable Instant completedAt) {
}
