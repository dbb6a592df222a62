package dev.agenticchat.chat.feedback;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.UUID;

/** One rating: {@code kind} positive or negative. */
@Serdeable
record FeedbackView(UUID messageId, String kind, Instant ratedAt) {
}
