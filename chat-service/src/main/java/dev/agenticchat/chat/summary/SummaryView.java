package dev.agenticchat.chat.summary;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A thread's latest summary: the text, the lead profile the user disclosed, the period it covers. */
@Serdeable
public record SummaryView(UUID threadId, String summary, Map<String, Object> lead, int messageCount, Instant periodStart,
                          Instant periodEnd, Instant summarizedAt) {
}
