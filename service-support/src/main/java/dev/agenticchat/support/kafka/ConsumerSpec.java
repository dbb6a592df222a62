package dev.agenticchat.support.kafka;

import java.time.Duration;
import java.util.List;

/**
 * What to consume and how. Broadcast consumers ({@code fromLatest}: the gateway's fan-out, agent
 * cancels) read every partition on every instance, with no group ({@code groupId} only names them
 * in logs and metrics), only care about what happens from now on, commit nothing and park nothing;
 * durable consumers start from the earliest uncommitted record so a new group misses nothing.
 */
public record ConsumerSpec(String groupId, List<String> topics, boolean fromLatest, int maxAttempts, Duration firstBackoff,
                           Duration batchWait) {

    public ConsumerSpec(String groupId, List<String> topics, boolean fromLatest, int maxAttempts, Duration firstBackoff) {
        this(groupId, topics, fromLatest, maxAttempts, firstBackoff, Duration.ZERO);
    }

    public static ConsumerSpec durable(String groupId, String... topics) {
        return new ConsumerSpec(groupId, List.of(topics), false, 4, Duration.ofMillis(200));
    }

    public static ConsumerSpec broadcast(String groupId, String... topics) {
        return new ConsumerSpec(groupId, List.of(topics), true, 2, Duration.ofMillis(50));
    }

    /** How long a {@link #batched()} consumer's fetch may wait for more records. */
    public static final Duration BATCH_WAIT = Duration.ofMillis(250);

    /** {@link #batchedUpTo} the shared {@link #BATCH_WAIT}. */
    public ConsumerSpec batched() {
        return batchedUpTo(BATCH_WAIT);
    }

    /**
     * For a consumer a fraction of a second late is fine for (webhooks, summaries): the broker holds its
     * fetch until {@code wait} has passed (or a megabyte has come), so a topic of many small records (a
     * turn's deltas) costs it a few fetches a second rather than one per record. By default
     * ({@link Duration#ZERO}) a fetch returns as soon as one record is there.
     */
    public ConsumerSpec batchedUpTo(Duration wait) {
        return new ConsumerSpec(groupId, topics, fromLatest, maxAttempts, firstBackoff, wait);
    }
}
