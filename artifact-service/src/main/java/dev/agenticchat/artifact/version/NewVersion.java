package dev.agenticchat.artifact.version;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.core.annotation.Nullable;

/**
 * What a new version is made of: the complete {@code content}, or a merge {@code patch} over the
 * current content (exactly one of them); the status (null keeps the current one) and the turn
 * that made it (null for a person's edit).
 */
record NewVersion(@Nullable JsonNode content, @Nullable JsonNode patch, @Nullable String status,
                  @Nullable String turnId) {
}
