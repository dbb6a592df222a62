package dev.agenticchat.support.kafka;

import java.time.Duration;
import java.util.List;

/**
 * What to consume and how. Broadcast consumers ({@code fromLatest}: the gateway's fan-out, agent
 * cancels) read every partition on every instance, with no group ({@code groupId} only names them
 * in logs and metrics), only care about what happens from now on, commit nothing and park nothing;
 * durable consumers start from the earliest uncommitted record so a new group misses nothing.
 */
public record ConsumerSpec(String groupId, List<String> topics, boolean fromLatest, int maxAttempts, Duration firstBackoff) {

    public static ConsumerSpec durable(String groupId, String... topics) {
        return new ConsumerSpec(groupId, List.of(topics), false, 4, Duration.ofMillis(200));
    }

    public static ConsumerSpec broadcast(String groupId, String... topics) {
        return new ConsumerSpec(groupId, List.of(topics), true, 2, Duration.ofMillis(50));
    }
}
