package dev.agenticchat.artifact.share;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * When the link stops working: {@code expiresIn} an ISO 8601 duration (PT24H, P7D, P2W, P1M) or
 * {@code expiresAt} an RFC 3339 timestamp, not both; neither makes a link that lasts until revoked.
 */
@Serdeable
record CreateShareRequest(@Nullable String expiresIn, @Nullable String expiresAt) {
}
