package dev.agenticchat.support.events;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/** A CloudEvent as it travels on Kafka: attributes from the headers, {@code data} as JSON bytes. */
public record EventEnvelope(
        String id,
        String source,
        String type,
        Instant time,
        @Nullable String subject,
        @Nullable String tenantId,
        @Nullable String userId,
        @Nullable String threadId,
        byte[] data) {
}
