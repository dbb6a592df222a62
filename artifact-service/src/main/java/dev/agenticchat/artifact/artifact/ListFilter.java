package dev.agenticchat.artifact.artifact;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/** What a listing is narrowed to; null leaves that dimension open. {@code query} is a web-search style text query. */
record ListFilter(@Nullable String type, @Nullable String threadId, @Nullable String status, @Nullable String query,
                  @Nullable Instant createdAfter, @Nullable Instant createdBefore) {
}
